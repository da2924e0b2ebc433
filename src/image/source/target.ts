import { PalisadeError, parseReferenceParts } from '../../core/index.ts';
import { isDigest } from './digest.ts';

export interface OciTarget {
  readonly transport: 'oci';
  readonly reference: string;
  readonly path: string;
  /** Matched against the `org.opencontainers.image.ref.name` annotation of index.json entries. */
  readonly tag?: string;
  readonly digest?: string;
}

export interface DockerArchiveTarget {
  readonly transport: 'docker-archive';
  readonly reference: string;
  readonly path: string;
  /** A name from the archive's RepoTags / image-name annotations (`alpine:3.19`). */
  readonly ref?: string;
  /** `@N`: the N-th image of the archive (0-based). */
  readonly index?: number;
}

export interface RegistryTarget {
  readonly transport: 'docker';
  readonly reference: string;
  /** The registry as named (`docker.io` for Docker Hub); the key for credentials and `insecureRegistries`. */
  readonly registry: string;
  /** Where requests go (`registry-1.docker.io` for Docker Hub). */
  readonly host: string;
  /** The repository, with `library/` added for official Docker Hub images. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export type ImageTarget = OciTarget | DockerArchiveTarget | RegistryTarget;

const TAG = /^[\w][\w.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const SYNTAX = 'Use oci:<dir>[:<tag>|@<digest>], docker-archive:<file.tar>[:<name:tag>|:@<index>] or docker://<registry>/<repository>[:<tag>|@<digest>].';

function usage(text: string, problem: string): PalisadeError {
  return new PalisadeError('USAGE', `Invalid image reference "${text}": ${problem}. ${SYNTAX}`);
}

/** Parses an image target in skopeo's transport syntax. Throws USAGE with the accepted forms. */
export function parseImageTarget(text: string): ImageTarget {
  const colon = text.indexOf(':');
  const transport = colon === -1 ? '' : text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (transport === 'oci') return parseOci(text, rest);
  if (transport === 'docker-archive') return parseDockerArchive(text, rest);
  if (transport === 'docker') {
    if (!rest.startsWith('//')) throw usage(text, 'the registry transport is written docker://');
    return parseRegistry(text, rest.slice(2));
  }
  throw usage(text, colon === -1 ? 'it names no transport' : `the transport "${transport}" is not supported`);
}

function parseOci(text: string, rest: string): OciTarget {
  const at = rest.lastIndexOf('@');
  if (at !== -1 && /^[a-z0-9]+:/.test(rest.slice(at + 1))) {
    const digest = rest.slice(at + 1);
    if (!isDigest(digest)) throw usage(text, `"${digest}" is not a sha256 or sha512 digest`);
    return { transport: 'oci', reference: text, path: nonEmptyPath(text, rest.slice(0, at)), digest };
  }
  const colon = rest.lastIndexOf(':');
  const tag = colon === -1 ? '' : rest.slice(colon + 1);
  if (colon === -1 || tag.includes('/')) return { transport: 'oci', reference: text, path: nonEmptyPath(text, rest) };
  if (tag === '') throw usage(text, 'the tag after ":" is empty');
  return { transport: 'oci', reference: text, path: nonEmptyPath(text, rest.slice(0, colon)), tag };
}

function parseDockerArchive(text: string, rest: string): DockerArchiveTarget {
  const colon = rest.indexOf(':');
  if (colon === -1) return { transport: 'docker-archive', reference: text, path: nonEmptyPath(text, rest) };
  const path = nonEmptyPath(text, rest.slice(0, colon));
  const ref = rest.slice(colon + 1);
  if (ref === '') throw usage(text, 'the image name after ":" is empty');
  if (!ref.startsWith('@')) return { transport: 'docker-archive', reference: text, path, ref };
  const index = Number(ref.slice(1));
  if (!/^\d+$/.test(ref.slice(1)) || !Number.isSafeInteger(index)) throw usage(text, `"${ref}" is not @<index>`);
  return { transport: 'docker-archive', reference: text, path, index };
}

function nonEmptyPath(text: string, path: string): string {
  if (path === '') throw usage(text, 'the path is empty');
  return path;
}

function parseRegistry(text: string, rest: string): RegistryTarget {
  if (rest === '' || /\s/.test(rest)) throw usage(text, 'the image name is empty or contains whitespace');
  const parts = parseReferenceParts(rest);
  const registry = parts.registry ?? 'docker.io';
  const hub = DOCKER_HUB.has(registry);
  const repository = hub && !parts.repository.includes('/') ? `library/${parts.repository}` : parts.repository;
  const bad = repository.split('/').find((component) => !PATH_COMPONENT.test(component));
  if (bad !== undefined) throw usage(text, `the repository component "${bad}" is not lowercase letters, digits and separators`);
  if (parts.tag !== undefined && !TAG.test(parts.tag)) throw usage(text, `"${parts.tag}" is not a valid tag`);
  if (rest.includes('@') && (parts.digest === undefined || !isDigest(parts.digest))) {
    throw usage(text, `"${rest.slice(rest.indexOf('@') + 1)}" is not a sha256 or sha512 digest`);
  }
  if (parts.tag === undefined && rest.charAt(parts.nameSpan.end) === ':') {
    throw usage(text, 'the tag after ":" is empty');
  }
  const base = { transport: 'docker' as const, reference: text, registry: hub ? 'docker.io' : registry, host: hub ? 'registry-1.docker.io' : registry, repository };
  if (parts.digest !== undefined) return { ...base, digest: parts.digest };
  return { ...base, tag: parts.tag ?? 'latest' };
}
