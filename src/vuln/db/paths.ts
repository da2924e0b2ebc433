// Where the advisory database lives by default.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The default OSV mirror: Google's public bucket, one `<Ecosystem>/all.zip` per ecosystem. */
export const DEFAULT_MIRROR = 'https://osv-vulnerabilities.storage.googleapis.com';

/** `$PALISADE_DB`, else `$XDG_CACHE_HOME/palisade/advisories.db`, else `~/.cache/palisade/advisories.db`. */
export function defaultDatabasePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const explicit = env['PALISADE_DB'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const cache = env['XDG_CACHE_HOME'];
  const base = cache !== undefined && cache !== '' ? cache : join(env['HOME'] ?? homedir(), '.cache');
  return join(base, 'palisade', 'advisories.db');
}

/** `--mirror`, else `$PALISADE_DB_MIRROR`, else the public OSV bucket; without a trailing slash. */
export function mirrorUrl(option: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const chosen = option ?? env['PALISADE_DB_MIRROR'];
  return (chosen === undefined || chosen === '' ? DEFAULT_MIRROR : chosen).replace(/\/+$/, '');
}
