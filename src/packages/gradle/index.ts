import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { GRADLE } from '../matchers.ts';
import { parseGradleLockfile } from './parse.ts';

/** Gradle dependency locking: `gradle.lockfile` and `buildscript-gradle.lockfile`. */
export const gradleLockfileAnalyzer = defineInventoryAnalyzer({ ...GRADLE, parse: parseGradleLockfile });

export { parseGradleLockfile } from './parse.ts';
