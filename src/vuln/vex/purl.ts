// Package URL matching for VEX: a statement's purl names a finding's package when type, namespace
// and name agree (after the type's case rules), the version agrees when the statement gives one, and
// every qualifier the statement gives agrees (a statement without qualifiers ignores them).

export interface ParsedPurl {
  readonly type: string;
  readonly namespace: string;
  readonly name: string;
  readonly version: string | undefined;
  readonly qualifiers: ReadonlyMap<string, string>;
}

const CASE_INSENSITIVE_TYPES: ReadonlySet<string> = new Set(['pypi', 'composer', 'deb', 'apk', 'github', 'bitbucket', 'nuget', 'alpm', 'hex']);

function decode(component: string): string | undefined {
  try {
    return decodeURIComponent(component);
  } catch {
    return undefined;
  }
}

export function parsePurl(text: string): ParsedPurl | undefined {
  const match = /^pkg:\/*([A-Za-z][A-Za-z0-9.+-]*)\/([^?#]+?)(?:@([^?#@]*))?(?:\?([^#]*))?(?:#.*)?$/.exec(text.trim());
  if (match === null) return undefined;
  const type = (match[1] ?? '').toLowerCase();
  const segments = (match[2] ?? '').split('/').filter((segment) => segment !== '').map(decode);
  if (segments.length === 0 || segments.some((segment) => segment === undefined)) return undefined;
  const decoded = segments.filter((segment) => segment !== undefined);
  const fold = (value: string): string => (CASE_INSENSITIVE_TYPES.has(type) ? value.toLowerCase() : value);
  const rawName = decoded.at(-1) ?? '';
  const name = type === 'pypi' ? fold(rawName).replace(/[-_.]+/g, '-') : fold(rawName);
  const version = match[3] === undefined ? undefined : decode(match[3]);
  const qualifiers = new Map<string, string>();
  for (const pair of (match[4] ?? '').split('&')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const value = decode(pair.slice(equals + 1));
    if (value !== undefined && value !== '') qualifiers.set(pair.slice(0, equals).toLowerCase(), value);
  }
  return { type, namespace: fold(decoded.slice(0, -1).join('/')), name, version, qualifiers };
}

/** Whether a VEX product id (a purl, or any other identifier compared as text) names the package `purl`. */
export function productMatches(product: string, purl: string): boolean {
  if (product === purl) return true;
  const wanted = parsePurl(product);
  const actual = parsePurl(purl);
  if (wanted === undefined || actual === undefined) return false;
  if (wanted.type !== actual.type || wanted.namespace !== actual.namespace || wanted.name !== actual.name) return false;
  if (wanted.version !== undefined && wanted.version !== actual.version) return false;
  for (const [key, value] of wanted.qualifiers) if (actual.qualifiers.get(key) !== value) return false;
  return true;
}
