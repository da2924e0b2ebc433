import { sha256Text } from '../core/index.ts';

/** Shannon entropy of a string, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * The only form of a secret that leaves the engine: its first characters and its length
 * (`AKIA…(20 chars)`). Short secrets show fewer characters (a quarter of the length, at most 4).
 */
export function redactSecret(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}…(${secret.length} chars)`;
}

/** A hash of the secret: the finding's fingerprint identity (never the text itself). */
export function hashSecret(secret: string): string {
  return `sha256:${sha256Text(secret)}`;
}

/** Values that stand for a secret in docs and templates: `EXAMPLE`, `xxxx`, `<your-token>`, `${VAR}`, `changeme` … */
const PLACEHOLDER = /example|x{4,}|\*{4,}|\.{4,}|changeme|change_me|change-me|placeholder|your[_-]?(?:api|secret|token|key|pass|access|client|own)|<[^<>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Za-z_]+%|redacted|dummy|sample|replace[_-]?me|insert[_-]?|fake|notreal|not[_-]real|abcdefghij|0123456789|1234567890|qwerty/i;

/** A run of six identical characters: not a random credential. */
const REPEATED = /(.)\1{5,}/;

/** True when the value is a known placeholder, a template reference or obviously not random. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || REPEATED.test(value);
}

/** Values published as examples in specifications and vendor docs (RFC 6749 access and refresh tokens …). */
const KNOWN_EXAMPLES = new Set(['2YotnFZFEjr1zCsicMWpAA', 'tGzv3JOkF0XG5Qx2TlKWIA', '8xLOxBtZp8', 'SlAV32hkKG', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);

export function isKnownExample(value: string): boolean {
  return KNOWN_EXAMPLES.has(value);
}

/**
 * True for base64 that decodes to readable prose or a placeholder (`bm90IG15IHJlYWwgcGFzc3dvcmQ=` is
 * "not my real password"): encoded credentials decode to random bytes or to `user:password`.
 */
export function isEncodedPlaceholder(value: string): boolean {
  if (value.length < 8 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(decoded)) return false;
  return / [a-z]+ /i.test(decoded) || isPlaceholder(decoded);
}
