/** `gitleaks:allow` anywhere on a line (a trailing comment) allows every secret finding on it. */
const ALLOW_MARKER = 'gitleaks:allow';

/** 1-based numbers of the lines that carry a `gitleaks:allow` comment (the gate drops secret findings there). */
export function gitleaksAllowLines(text: string): ReadonlySet<number> {
  const lines = new Set<number>();
  if (!text.includes(ALLOW_MARKER)) return lines;
  text.split('\n').forEach((line, index) => {
    if (line.includes(ALLOW_MARKER)) lines.add(index + 1);
  });
  return lines;
}

/** One `.gitleaksignore` entry: `[<commit>:]<path>:<rule-id>:<line>` (gitleaks' finding fingerprint). */
export interface GitleaksIgnoreEntry {
  readonly commit?: string;
  readonly path: string;
  readonly ruleId: string;
  readonly line: number;
  /** 1-based line of the entry in `.gitleaksignore`. */
  readonly sourceLine: number;
}

export interface GitleaksIgnoreParse {
  readonly entries: readonly GitleaksIgnoreEntry[];
  /** One message per line that is neither blank, a comment nor a fingerprint. */
  readonly errors: readonly string[];
}

const FINGERPRINT = /^(?:(?<commit>[0-9a-f]{7,64}):)?(?<path>.+):(?<rule>[a-z0-9][\w.-]*):(?<line>\d+)$/;

/** Parses a `.gitleaksignore` file; comments (`#`) and blank lines are skipped, bad lines reported. */
export function parseGitleaksIgnore(text: string): GitleaksIgnoreParse {
  const entries: GitleaksIgnoreEntry[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const groups = FINGERPRINT.exec(line)?.groups;
    const path = groups?.['path'];
    const ruleId = groups?.['rule'];
    const number = groups?.['line'];
    if (path === undefined || ruleId === undefined || number === undefined) {
      errors.push(`.gitleaksignore:${index + 1}: "${line.slice(0, 80)}" is not a fingerprint ([commit:]path:rule-id:line)`);
      return;
    }
    const commit = groups?.['commit'];
    entries.push({ ...(commit === undefined ? {} : { commit }), path, ruleId, line: Number(number), sourceLine: index + 1 });
  });
  return { entries, errors };
}

/** The finding facts a `.gitleaksignore` entry is compared with. */
export interface IgnorableFinding {
  readonly aliases: readonly string[];
  readonly location: { readonly path: string; readonly startLine?: number };
}

/**
 * Whether an entry matches a finding: same path and line, and the finding's rule has the entry's
 * gitleaks id as alias. A history finding's path is `commit:<sha>:<path>`; the entry's commit must match.
 */
export function isGitleaksIgnored(entries: readonly GitleaksIgnoreEntry[], finding: IgnorableFinding): boolean {
  const history = /^commit:(?<sha>[0-9a-f]{7,64}):(?<path>.*)$/.exec(finding.location.path)?.groups;
  const path = history?.['path'] ?? finding.location.path;
  const sha = history?.['sha'];
  return entries.some((entry) => {
    if (entry.path !== path || entry.line !== finding.location.startLine) return false;
    if (!finding.aliases.includes(`gitleaks:${entry.ruleId}`)) return false;
    if (entry.commit === undefined) return true;
    return sha !== undefined && (sha.startsWith(entry.commit) || entry.commit.startsWith(sha));
  });
}
