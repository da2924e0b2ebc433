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
 * Splits an image reference by Docker's reference grammar, without normalising it (`nginx` stays
 * `nginx`, not `docker.io/library/nginx`). Undefined for text that cannot be a reference: empty,
 * containing whitespace, with an empty path component or tag, or with a digest that is not `algorithm:encoded`.
 */
export function parseImageReference(text: string): ImageReference | undefined {
  if (text === '' || /\s/.test(text)) return undefined;
  const at = text.indexOf('@');
  const digest = at === -1 ? undefined : text.slice(at + 1);
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;
  const nameAndTag = at === -1 ? text : text.slice(0, at);
  const colon = nameAndTag.indexOf(':', nameAndTag.lastIndexOf('/') + 1);
  const name = colon === -1 ? nameAndTag : nameAndTag.slice(0, colon);
  const tag = colon === -1 ? undefined : nameAndTag.slice(colon + 1);
  if (tag === '') return undefined;
  const registry = registryOf(name);
  const repository = registry === undefined ? name : name.slice(registry.length + 1);
  if (repository.split('/').includes('')) return undefined;
  return { registry, repository, tag, digest };
}

function registryOf(name: string): string | undefined {
  const slash = name.indexOf('/');
  if (slash === -1) return undefined;
  const first = name.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : undefined;
}
