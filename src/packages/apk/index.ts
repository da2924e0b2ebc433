import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseApkInstalled } from './parse.ts';

export const APK_DATABASE_PATHS: ReadonlySet<string> = new Set(['lib/apk/db/installed']);

export const apkAnalyzer = defineInventoryAnalyzer({
  id: 'packages/apk',
  version: 1,
  matches: (file) => APK_DATABASE_PATHS.has(file.path),
  parse: parseApkInstalled,
});

export { parseApkInstalled } from './parse.ts';
