import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { APK } from '../matchers.ts';
import { parseApkInstalled } from './parse.ts';

export { APK_DATABASE_PATHS } from '../matchers.ts';

export const apkAnalyzer = defineInventoryAnalyzer({ ...APK, parse: parseApkInstalled });

export { parseApkInstalled } from './parse.ts';
