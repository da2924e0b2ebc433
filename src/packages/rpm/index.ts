/** Where rpm keeps its SQLite database (RHEL 9, Fedora 33+, and the older location). */
export const RPM_DATABASE_PATHS: ReadonlySet<string> = new Set(['var/lib/rpm/rpmdb.sqlite', 'usr/lib/sysimage/rpm/rpmdb.sqlite']);

export type { RpmHeader } from './header.ts';
export { buildRpmHeader, parseRpmHeader, RPM_TAGS } from './header.ts';
export { parseRpmDatabase, rpmVersion } from './parse.ts';
