import { createTextAnalyzer } from './analyzer.ts';
import { providerEntries } from './providers/index.ts';

export type { KeywordPrefilter, TextAnalyzerOptions, TextArtifact } from './analyzer.ts';
export { createKeywordPrefilter, createTextAnalyzer, createTextArtifact, isScannableText } from './analyzer.ts';
export type { SecretDetector, SecretFamily, SecretMatch } from './detector.ts';
export { SECRET_FAMILIES, detectorRule, findSecrets } from './detector.ts';
export type { GitleaksIgnoreEntry, GitleaksIgnoreParse, IgnorableFinding } from './gitleaks.ts';
export { gitleaksAllowLines, isGitleaksIgnored, parseGitleaksIgnore } from './gitleaks.ts';
export type { GitHistoryScanOptions, GitHistoryScanResult } from './history.ts';
export { scanGitHistory } from './history.ts';
export { providerEntries } from './providers/index.ts';
export { detectorRules, secretRules } from './rules/index.ts';
export { hashSecret, redactSecret, shannonEntropy } from './secret-text.ts';
export { isLiteral, isSecretName } from './secret-names.ts';
export { dropShadowedGenericSecrets, isGenericSecretPack } from './shadowed.ts';

/** Every keyword of every secret detector (the prefilter's alternation). */
export const secretKeywords: readonly string[] = Object.freeze([...new Set(providerEntries.flatMap((entry) => entry.keywords))]);

/** The `text` analyzer with the default skip rules (binary, lockfiles, minified bundles). */
export const textAnalyzer = createTextAnalyzer({ keywords: secretKeywords });
