import type { WatchStore } from './store.ts';
import { SqliteWatchStore } from './store-sqlite.ts';

/** `postgres://…` (or `postgresql://…`) opens the shared PostgreSQL store; anything else is a SQLite file. */
export async function openWatchStore(location: string): Promise<WatchStore> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { PostgresWatchStore } = await import('./store-postgres.ts');
    return PostgresWatchStore.open(location);
  }
  return new SqliteWatchStore(location);
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}
