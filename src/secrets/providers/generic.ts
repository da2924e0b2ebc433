import type { ProviderEntry } from './build.ts';
import { fake, family, rx } from './build.ts';
import { quotedValueScreen } from '../assignment-screens.ts';
import { byteSet } from '../byte-screens.ts';
import { shannonEntropy } from '../secret-text.ts';

/** Character classes present: lower, upper, digit, other. */
function classes(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((pattern) => pattern.test(value)).length;
}

/** Not a random credential: identifiers, dotted names, paths, URLs, words, version strings, hashes with a scheme. */
const NOT_RANDOM = /^(?:[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)+|[a-z]+(?:[._-][a-z]+)+|[A-Z]+(?:_[A-Z]+)+|\d+(?:\.\d+)+.*|(?:sha\d+|md5)[-:].*|https?:.*|.*\/\/.*)$/;

function looksRandom(value: string, minimum: number): boolean {
  if (NOT_RANDOM.test(value)) return false;
  if (!/\d/.test(value) || !/[a-zA-Z]/.test(value)) return false;
  return shannonEntropy(value) >= minimum;
}

/** Generic assignments to credential-like names, tuned for precision: a quoted, random-looking literal. */
export const genericProviders: ProviderEntry[] = family('generic', [
  {
    n: 900, slug: 'no-generic-secret-assignment', name: 'secret, token or API key literal', keywords: ['secret', 'token', 'api_key', 'apikey', 'api-key', 'access_key', 'accesskey', 'auth_key', 'private_key'], gitleaks: 'generic-api-key', severity: 'medium',
    pattern: rx(String.raw`(?:api[_-]?key|secret(?:[_-]?key)?|(?:access|auth|refresh|bearer|api)[_-]?token|token|access[_-]?key|auth[_-]?key|private[_-]?key)(?![a-z])[\w-]{0,12}["']?[ \t]{0,3}(?:=|:|=>|:=)[ \t]{0,3}(?<q>["'\x60])(?<secret>[A-Za-z0-9+/_.=~-]{20,128})\k<q>`, 'i'),
    // The operator's last character, then the quote and 20 characters of the value: at most 30
    // characters after the start (name 13, suffix 12, quote 1, blanks 3, first operator character 1).
    sites: { anchor: /[=:>][ \t]{0,3}["'\x60][A-Za-z0-9+/_.=~-]{20}/i, before: 30 },
    bytesScreen: quotedValueScreen(byteSet(/^[A-Za-z0-9+/_.=~-]$/), 20, ['key', 'token', 'secret']),
    verify: (value) => looksRandom(value, 3.7) && classes(value) >= 3,
    sample: fake('alnum', 32, 'generic-secret'), around: ['const apiKey = "', '";'], fp: ['const apiKey = process.env.API_KEY;', 'token: "refresh_token_expired_message"', 'secret = "sha512-deadbeefcafe0123456789abcdef"'],
  },
  {
    n: 901, slug: 'no-generic-password-assignment', name: 'password literal', keywords: ['password', 'passwd'], severity: 'medium',
    pattern: rx(String.raw`(?:password|passwd)(?![a-z])[\w-]{0,12}["']?[ \t]{0,3}(?:=|:|=>|:=)[ \t]{0,3}(?<q>["'\x60])(?<secret>[^\s"'\x60\\]{10,64})\k<q>`, 'i'),
    bytesScreen: quotedValueScreen(byteSet(/^[^\s"'\x60\\]$/, 1), 10, ['password', 'passwd']),
    verify: (value) => classes(value) >= 3 && shannonEntropy(value) >= 3.2 && !NOT_RANDOM.test(value) && !/\s|^\W|%s|\{\}|\(\)/.test(value),
    sample: `${fake('alnum', 12, 'generic-pass')}!${fake('digits', 2, 'gp')}`, around: ['  password: "', '"'], fp: ['  password: "${DB_PASSWORD}"', '  password: "correct horse battery staple"', 'passwordLabel: "Enter a password"'],
  },
]);
