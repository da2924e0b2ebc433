import { baseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseGradleLockfile } from './parse.ts';

/** Gradle dependency locking: `gradle.lockfile` and `buildscript-gradle.lockfile`. */
export const gradleLockfileAnalyzer = defineInventoryAnalyzer({
  id: 'packages/gradle',
  version: 1,
  matches: (file) => baseName(file.path).endsWith('gradle.lockfile'),
  parse: parseGradleLockfile,
});

export { parseGradleLockfile } from './parse.ts';
