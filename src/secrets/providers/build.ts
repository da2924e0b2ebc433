import type { SecretDetector, SecretFamily } from '../detector.ts';

/** A provider table row: a detector plus its own true-positive sample and false-positive cases. */
export interface ProviderSpec extends Omit<SecretDetector, 'id' | 'family'> {
  /** The rule number: `SEC-0001` is 1. */
  readonly n: number;
  /** A fake secret of the provider's format (generated, never a real credential). */
  readonly sample: string;
  /** The text around the sample on its line (default `credential = "` … `"`). */
  readonly around?: readonly [string, string];
  /** Lines that look close but must not be reported (the placeholder variant is always added). */
  readonly fp?: readonly string[];
}

export interface ProviderEntry extends SecretDetector {
  readonly sample: string;
  readonly around: readonly [string, string];
  readonly fp: readonly string[];
}

export function family(name: SecretFamily, specs: readonly ProviderSpec[]): ProviderEntry[] {
  return specs.map(({ n, sample, around, fp, ...rest }) => ({
    ...rest,
    id: `SEC-${String(n).padStart(4, '0')}`,
    family: name,
    sample,
    around: around ?? ['credential = "', '"'],
    fp: fp ?? [],
  }));
}

/** The line of the true-positive sample, and where the secret starts in it. */
export function sampleLine(entry: ProviderEntry): { readonly line: string; readonly column: number } {
  return { line: `${entry.around[0]}${entry.sample}${entry.around[1]}`, column: entry.around[0].length + 1 };
}

/** The sample line with the secret replaced by a same-length placeholder (`xxxx…`): never reported. */
export function placeholderLine(entry: ProviderEntry): string {
  return `${entry.around[0]}${'x'.repeat(entry.sample.length)}${entry.around[1]}`;
}

/** Start of a token: not preceded by a word character or `-`. */
export const B = String.raw`(?<![\w-])`;
/** End of a token: not followed by a word character or `-`. */
export const E = String.raw`(?![\w-])`;

/**
 * A value assigned to a name containing one of `names` (`ADAFRUIT_KEY = "…"`, `adafruit: …`):
 * bounded repetitions only, so the match is linear in the line length.
 */
export function assigned(names: string, secret: string, flags = 'i'): RegExp {
  return new RegExp(String.raw`(?:${names})[\w.-]{0,24}[\s'"]{0,3}(?:=|:=|::|:|=>|,)[\s'"\x60]{0,5}(?<secret>${secret})${E}`, flags);
}

export function rx(source: string, flags = ''): RegExp {
  return new RegExp(source, flags);
}

const ALPHABETS = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  b32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  digits: '0123456789',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
} as const;

export type Alphabet = keyof typeof ALPHABETS;

/**
 * A deterministic pseudo-random string for test samples: same seed, same string. Samples are
 * generated so that no credential-shaped literal sits in the source tree.
 */
export function fake(alphabet: Alphabet, length: number, seed: string): string {
  const chars = ALPHABETS[alphabet];
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  const out: string[] = [];
  while (out.length < length) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const char = chars[state % chars.length] ?? 'a';
    if (out.length >= 2 && out[out.length - 1] === char && out[out.length - 2] === char) continue;
    out.push(char);
  }
  return out.join('');
}
