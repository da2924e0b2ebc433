/**
 * Package URLs (https://github.com/package-url/purl-spec): `pkg:type/namespace/name@version?qualifiers#subpath`.
 * Components are percent-encoded (`:` is left as is, as the spec allows); qualifier keys are
 * lowercased and sorted, empty values dropped; type-specific name normalisation is applied.
 */
export interface PurlParts {
  readonly type: string;
  readonly namespace?: string | undefined;
  readonly name: string;
  readonly version?: string | undefined;
  readonly qualifiers?: Readonly<Record<string, string | undefined>>;
  readonly subpath?: string | undefined;
}

/** Lone surrogates (invalid UTF-16, which `encodeURIComponent` refuses) become U+FFFD first. */
function encode(component: string): string {
  return encodeURIComponent(component.toWellFormed()).replaceAll('%3A', ':');
}

/** Type rules from the purl spec's PURL-TYPES list. */
function normalise(type: string, namespace: string | undefined, name: string): { namespace: string | undefined; name: string } {
  switch (type) {
    case 'pypi':
      return { namespace, name: name.toLowerCase().replaceAll('_', '-') };
    case 'github':
    case 'bitbucket':
    case 'composer':
    case 'deb':
    case 'apk':
      return { namespace: namespace?.toLowerCase(), name: name.toLowerCase() };
    default:
      return { namespace, name };
  }
}

export function formatPurl(parts: PurlParts): string {
  const type = parts.type.toLowerCase();
  const { namespace, name } = normalise(type, parts.namespace, parts.name);
  let purl = `pkg:${type}/`;
  if (namespace !== undefined && namespace !== '') {
    const segments = namespace.split('/').filter((segment) => segment !== '');
    purl += `${segments.map(encode).join('/')}/`;
  }
  purl += encode(name);
  if (parts.version !== undefined && parts.version !== '') purl += `@${encode(parts.version)}`;
  const qualifiers = Object.entries(parts.qualifiers ?? {})
    .flatMap(([key, value]) => (value === undefined || value === '' ? [] : [[key.toLowerCase(), value] as const]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (qualifiers.length > 0) purl += `?${qualifiers.map(([key, value]) => `${key}=${encode(value)}`).join('&')}`;
  const subpath = (parts.subpath ?? '').split('/').filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  if (subpath.length > 0) purl += `#${subpath.map(encode).join('/')}`;
  return purl;
}

/** npm: `@scope/name` → namespace `@scope` (encoded `%40scope`), name `name`. */
export function npmPurl(name: string, version: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  if (slash === -1) return formatPurl({ type: 'npm', name, version });
  return formatPurl({ type: 'npm', namespace: name.slice(0, slash), name: name.slice(slash + 1), version });
}

/** Go modules: the path up to the last `/` is the namespace. */
export function golangPurl(modulePath: string, version: string): string {
  const slash = modulePath.lastIndexOf('/');
  if (slash === -1) return formatPurl({ type: 'golang', name: modulePath, version });
  return formatPurl({ type: 'golang', namespace: modulePath.slice(0, slash), name: modulePath.slice(slash + 1), version });
}

/** Composer `vendor/name`, Maven `group:artifact`: split on the separator into namespace and name. */
export function splitPurl(type: string, fullName: string, separator: string, version: string): string {
  const at = fullName.lastIndexOf(separator);
  if (at === -1) return formatPurl({ type, name: fullName, version });
  return formatPurl({ type, namespace: fullName.slice(0, at), name: fullName.slice(at + separator.length), version });
}

/** Adds (or replaces) one qualifier of a purl built by `formatPurl`, keeping qualifiers sorted. */
export function withPurlQualifier(purl: string, key: string, value: string): string {
  const hash = purl.indexOf('#');
  const subpath = hash === -1 ? '' : purl.slice(hash);
  const body = hash === -1 ? purl : purl.slice(0, hash);
  const question = body.indexOf('?');
  const head = question === -1 ? body : body.slice(0, question);
  const pairs = question === -1 ? [] : body.slice(question + 1).split('&');
  const kept = pairs.filter((pair) => pair.split('=')[0] !== key.toLowerCase());
  kept.push(`${key.toLowerCase()}=${encode(value)}`);
  kept.sort((a, b) => {
    const keyA = a.split('=')[0] ?? '';
    const keyB = b.split('=')[0] ?? '';
    return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
  });
  return `${head}?${kept.join('&')}${subpath}`;
}

/** Sets the namespace of an OS package purl (`pkg:deb/debian/x` → `pkg:deb/ubuntu/x`; inserts one when absent). */
export function withPurlNamespace(purl: string, namespace: string, hadNamespace: boolean): string {
  const match = /^pkg:([^/]+)\/(.*)$/.exec(purl);
  if (match === null) return purl;
  const rest = match[2] ?? '';
  const name = hadNamespace ? rest.slice(rest.indexOf('/') + 1) : rest;
  return `pkg:${match[1] ?? ''}/${encodeURIComponent(namespace.toLowerCase().toWellFormed())}/${name}`;
}
