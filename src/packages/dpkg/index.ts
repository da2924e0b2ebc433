import type { FileRef } from '../../core/index.ts';
import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseDpkgStatus } from './parse.ts';

export const DPKG_STATUS_PATHS: ReadonlySet<string> = new Set(['var/lib/dpkg/status']);
const STATUS_D = /^var\/lib\/dpkg\/status\.d\/[^/]+$/;

/** The status database, or one distroless `status.d` stanza file (not its `.md5sums`). */
export function isDpkgStatus(file: FileRef): boolean {
  return DPKG_STATUS_PATHS.has(file.path) || (STATUS_D.test(file.path) && !file.path.endsWith('.md5sums'));
}

export const dpkgAnalyzer = defineInventoryAnalyzer({
  id: 'packages/dpkg',
  version: 1,
  matches: isDpkgStatus,
  parse: parseDpkgStatus,
});

export { parseDpkgStatus } from './parse.ts';
