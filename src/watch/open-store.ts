import type { StoreConnectionOptions } from './store-postgres.ts';
import type { WatchStore } from './store.ts';
import { SqliteWatchStore } from './store-sqlite.ts';

/**
 * `postgres://…` (or `postgresql://…`) opens the shared PostgreSQL store (connection errors are
 * retried and reported to `options.health`); anything else is a SQLite file.
 */
export async function openWatchStore(location: string, options: StoreConnectionOptions = {}): Promise<WatchStore> {
  if (isPostgresUrl(location)) {
    const { PostgresWatchStore } = await import('./store-postgres.ts');
    return PostgresWatchStore.open(location, options);
  }
  return new SqliteWatchStore(location);
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}
