import type { Rule, RuleAlias, Severity } from '../core/index.ts';
import { defineRule } from '../core/index.ts';
import type { TextArtifact } from './analyzer.ts';
import type { MatchSites, PatternMatch } from './match-sites.ts';
import { sitedMatches } from './match-sites.ts';
import { registerRuleKeywords } from './rule-gate.ts';
import { derivedTokenScreen } from './token-screens.ts';
import { hashSecret, isEncodedPlaceholder, isKnownExample, isPlaceholder, redactSecret, shannonEntropy } from './secret-text.ts';

export const SECRET_FAMILIES = ['cloud', 'vcs', 'ci', 'registry', 'chat', 'payment', 'saas', 'ai', 'database', 'key', 'kubernetes', 'generic'] as const;

export type SecretFamily = (typeof SECRET_FAMILIES)[number];

/**
 * One secret detector: a regex with a named `secret` group, the keywords that must occur in the file
 * for it to run, an optional entropy floor and allowlists. Provider tables compile each into a rule.
 */
export interface SecretDetector {
  /** `SEC-0001` … */
  readonly id: string;
  readonly slug: string;
  /** What the secret is, as in a sentence: `AWS access key ID`. */
  readonly name: string;
  readonly family: SecretFamily;
  /** Lower-case strings of which one must occur in the file (the prefilter). */
  readonly keywords: readonly string[];
  /** Must hold a `(?<secret>…)` group; compiled with the `g` and `d` flags added. */
  readonly pattern: RegExp;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  readonly entropy?: number;
  /** A secret matching one of these is not reported (besides the global placeholders). */
  readonly allow?: readonly RegExp[];
  /** The detector runs only on files whose path matches. */
  readonly paths?: RegExp;
  /**
   * Where a match can start (near an occurrence of a cheap anchor): the regex is tried there only,
   * with the same matches as over the whole text. For patterns whose whole-text search is costly on
   * common files (URLs, generic assignments).
   */
  readonly sites?: MatchSites;
  /**
   * A necessary condition for a match, on the file's UTF-8 bytes (see byte-screens.ts): false lets a
   * scan skip the rule without decoding the file.
   */
  readonly bytesScreen?: (bytes: Uint8Array, length: number) => boolean;
  /** Reports placeholders too (for formats whose body cannot be a placeholder, such as key blocks). */
  readonly keepPlaceholders?: boolean;
  /** A structural check on the candidate (a JWT's header decodes, a key block has a body …). */
  readonly verify?: (secret: string) => boolean;
  readonly severity?: Severity;
  /** The gitleaks rule id, where gitleaks has the same kind of rule. */
  readonly gitleaks?: string;
  readonly references?: readonly string[];
}

export interface SecretMatch {
  /** Offsets of the secret in the text (`end` exclusive). */
  readonly start: number;
  readonly end: number;
  readonly secret: string;
}

/** At most this many findings per detector and file (a generated file full of keys says enough). */
export const MAX_MATCHES_PER_FILE = 50;

/** Values that are never credentials: literals, variable references, format verbs, absolute paths. */
const GLOBAL_ALLOW = [/^(?:true|false|null|none|nil|undefined)$/i, /^\$\{?[A-Za-z_][\w.]*\}?$/, /^%[+\-# 0]?[a-zA-Z]$/, /^\/(?:bin|etc|home|opt|tmp|usr|var|Users)\//];

const compiled = new WeakMap<RegExp, RegExp>();

function globalPattern(pattern: RegExp): RegExp {
  let found = compiled.get(pattern);
  if (found === undefined) {
    found = new RegExp(pattern.source, `${pattern.flags.replace(/[gdy]/g, '')}gd`);
    compiled.set(pattern, found);
  }
  return found;
}

/** Whether a candidate survives the detector's entropy floor and the allowlists. */
export function isReportable(detector: SecretDetector, secret: string): boolean {
  if (detector.entropy !== undefined && shannonEntropy(secret) < detector.entropy) return false;
  if (detector.keepPlaceholders !== true && (isPlaceholder(secret) || isKnownExample(secret) || isEncodedPlaceholder(secret))) return false;
  if (GLOBAL_ALLOW.some((allow) => allow.test(secret))) return false;
  if ((detector.allow ?? []).some((allow) => allow.test(secret))) return false;
  return detector.verify === undefined || detector.verify(secret);
}

/** The matches of the detector's regex over the text, in order (as `exec` with the `g` and `d` flags finds them). */
export function* patternMatches(detector: SecretDetector, text: string): Generator<PatternMatch> {
  if (detector.sites !== undefined) {
    yield* sitedMatches(detector.pattern, detector.sites, text);
    return;
  }
  const pattern = globalPattern(detector.pattern);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0] === '') pattern.lastIndex += 1;
    yield { start: match.index, end: match.index + match[0].length, secret: match.groups?.['secret'], secretSpan: match.indices?.groups?.['secret'] };
  }
}

/** Every reportable secret of one detector in a text (the caller has checked the keywords). */
export function findSecrets(detector: SecretDetector, text: string, path: string): SecretMatch[] {
  if (detector.paths !== undefined && !detector.paths.test(path)) return [];
  const matches: SecretMatch[] = [];
  for (const match of patternMatches(detector, text)) {
    if (matches.length >= MAX_MATCHES_PER_FILE) break;
    const { secret, secretSpan: span } = match;
    if (secret === undefined || span === undefined || secret === '') continue;
    if (isReportable(detector, secret)) matches.push({ start: span[0], end: span[1], secret });
  }
  return matches;
}

/** True when one of the detector's keywords is in the file (per the prefilter). */
export function keywordsPresent(detector: SecretDetector, keywords: ReadonlySet<string>): boolean {
  return detector.keywords.some((keyword) => keywords.has(keyword));
}

export const SECRET_REMEDIATION = 'Revoke or rotate the credential at its issuer, then remove it from the file and its history and load it at run time from a secret store or the environment.';
export const SECRETS_CHEAT_SHEET = 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html';
export const SECRET_COMPLIANCE = ['nist-800-190:4.1.4', 'pci-dss-4.0:8.6.2'] as const;

/** `a` or `an` before a name: `an` before a vowel sound, including acronyms read letter by letter (`an HCP`, `an X`). */
export function article(name: string): string {
  if (/^(?:[FHLMNRSX][A-Z0-9]|X\b)/.test(name)) return 'an';
  return /^[aeiou]/i.test(name) && !/^(?:one|us[aeiou]|uni)/i.test(name) ? 'an' : 'a';
}

export function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

export function aliasesOf(detector: SecretDetector): RuleAlias[] {
  return detector.gitleaks === undefined ? [] : [{ tool: 'gitleaks', id: detector.gitleaks, relation: 'similar' }];
}

/**
 * The rule of a data-driven detector: keyword gate, regex, entropy, allowlists; the secret is reported
 * redacted. Its byte screen is the detector's own, else one derived from a plain token pattern.
 */
export function detectorRule(detector: SecretDetector): Rule {
  return registerRuleKeywords(detectorRuleOf(detector), detector.keywords, detector.bytesScreen ?? derivedTokenScreen(detector.pattern));
}

function detectorRuleOf(detector: SecretDetector): Rule {
  return defineRule<TextArtifact, 'secret'>({
    meta: {
      id: detector.id,
      slug: detector.slug,
      title: `Hard-coded ${detector.name}`,
      severity: detector.severity ?? 'high',
      kind: 'secret',
      stability: 'stable',
      since: '0.1.0',
      target: 'text',
      description: `${capitalise(article(detector.name))} ${detector.name} is written in the file in clear text. Anyone who can read the repository, an image layer or a build log can use it until it is revoked.`,
      remediation: SECRET_REMEDIATION,
      references: [...(detector.references ?? []), SECRETS_CHEAT_SHEET],
      aliases: aliasesOf(detector),
      compliance: [...SECRET_COMPLIANCE],
      packs: [`secrets-${detector.family}`],
      messages: { secret: `${capitalise(detector.name)} {redacted} is committed in clear text.` },
    },
    check(context, artifact) {
      if (!keywordsPresent(detector, artifact.keywords)) return;
      for (const match of findSecrets(detector, artifact.source.text, artifact.source.path)) {
        const redacted = redactSecret(match.secret);
        context.report({ messageId: 'secret', at: { range: artifact.source.lines.rangeOf(match.start, match.end) }, data: { redacted }, identity: hashSecret(match.secret), evidence: redacted });
      }
    },
  });
}
