import { createTextAnalyzer } from './analyzer.ts';
import { providerEntries } from './providers/index.ts';

/** Every keyword of every secret detector (the prefilter's automaton). */
export const secretKeywords: readonly string[] = Object.freeze([...new Set(providerEntries.flatMap((entry) => entry.keywords))]);

/** The `text` analyzer with the default skip rules (binary, lockfiles, minified bundles). */
export const textAnalyzer = createTextAnalyzer({ keywords: secretKeywords });
