/** A half-open span `[start, end)` in the reference text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The parts of `[registry/]repository[:tag][@digest]`, as spans of the text parsed. */
export interface ReferenceParts {
  readonly registry: string | undefined;
  readonly repository: string;
  readonly name: string;
  readonly nameSpan: Span;
  readonly tag: string | undefined;
  readonly tagSpan: Span | undefined;
  readonly digest: string | undefined;
  readonly digestSpan: Span | undefined;
}

/**
 * Splits an image reference the way Docker's reference grammar does: the digest follows `@`, the tag
 * follows the last `:` after the last `/`, and the first path component is a registry when it has a
 * `.` or a `:` or is `localhost`. Nothing is normalised (`node` stays `node`).
 */
export function parseReferenceParts(text: string): ReferenceParts {
  const at = text.indexOf('@');
  const nameAndTagEnd = at === -1 ? text.length : at;
  const digestSpan = at === -1 ? undefined : { start: at + 1, end: text.length };
  const lastSlash = text.lastIndexOf('/', nameAndTagEnd - 1);
  const colon = text.indexOf(':', lastSlash + 1);
  const hasTag = colon !== -1 && colon < nameAndTagEnd && colon + 1 < nameAndTagEnd;
  const nameEnd = colon !== -1 && colon < nameAndTagEnd ? colon : nameAndTagEnd;
  const name = text.slice(0, nameEnd);
  const registry = registryOf(name);
  const tagSpan = hasTag ? { start: colon + 1, end: nameAndTagEnd } : undefined;
  return {
    registry,
    repository: registry === undefined ? name : name.slice(registry.length + 1),
    name,
    nameSpan: { start: 0, end: nameEnd },
    tag: tagSpan === undefined ? undefined : text.slice(tagSpan.start, tagSpan.end),
    tagSpan,
    digest: digestSpan === undefined || digestSpan.start === digestSpan.end ? undefined : text.slice(digestSpan.start),
    digestSpan: digestSpan === undefined || digestSpan.start === digestSpan.end ? undefined : digestSpan,
  };
}

/** The parts of a container image reference `[registry/]repository[:tag][@digest]`, as written. */
export interface ImageReference {
  /** The first path component when it names a host (has a `.` or `:`, or is `localhost`). */
  readonly registry: string | undefined;
  readonly repository: string;
  readonly tag: string | undefined;
  /** `algorithm:encoded`, for example `sha256:…`. */
  readonly digest: string | undefined;
}

/** The OCI image-spec digest grammar. */
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/**
 * The strict form of `parseReferenceParts`, for references that must be valid as they stand (a
 * Kubernetes `image:` field): undefined for text that cannot be a reference — empty, containing
 * whitespace, with an empty path component or tag, or with a digest that is not `algorithm:encoded`.
 */
export function parseImageReference(text: string): ImageReference | undefined {
  if (text === '' || /\s/.test(text)) return undefined;
  const parts = parseReferenceParts(text);
  const at = text.indexOf('@');
  if (at !== -1 && (parts.digest === undefined || !DIGEST.test(parts.digest))) return undefined;
  const hasEmptyTag = parts.tag === undefined && parts.nameSpan.end < (at === -1 ? text.length : at);
  if (hasEmptyTag || parts.repository.split('/').includes('')) return undefined;
  return { registry: parts.registry, repository: parts.repository, tag: parts.tag, digest: parts.digest };
}

function registryOf(name: string): string | undefined {
  const slash = name.indexOf('/');
  if (slash === -1) return undefined;
  const first = name.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : undefined;
}
