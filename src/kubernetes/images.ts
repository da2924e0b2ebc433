import type { ImageReference } from '../core/index.ts';
import { parseImageReference } from '../core/index.ts';
import { stringAt } from './json.ts';
import type { ContainerRef, PodSpecRef } from './workload.ts';
import { containersOf } from './workload.ts';

/** A container whose `image` is a valid reference, with the pointer to that field. */
export interface ContainerImage {
  readonly container: ContainerRef;
  readonly image: string;
  readonly reference: ImageReference;
  readonly pointer: string;
}

/** Every container image of a pod spec that parses as a reference (others are the schema's concern). */
export function containerImagesOf(pod: PodSpecRef): ContainerImage[] {
  const result: ContainerImage[] = [];
  for (const container of containersOf(pod)) {
    const image = stringAt(container.container, 'image');
    const reference = image === undefined ? undefined : parseImageReference(image);
    if (image === undefined || reference === undefined) continue;
    result.push({ container, image, reference, pointer: `${container.pointer}/image` });
  }
  return result;
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * `registry/repository` the way the container runtime resolves it: no registry means Docker Hub, and a
 * one-component Docker Hub name lives under `library/` (`nginx` → `docker.io/library/nginx`).
 */
export function fullImageName(reference: ImageReference): string {
  const registry = reference.registry === undefined || DOCKER_HUB_ALIASES.has(reference.registry.toLowerCase()) ? 'docker.io' : reference.registry.toLowerCase();
  const repository = registry === 'docker.io' && !reference.repository.includes('/') ? `library/${reference.repository}` : reference.repository;
  return `${registry}/${repository}`;
}

/** True when `fullName` is under an allowed prefix (`gcr.io`, `ghcr.io/acme`); Docker Hub aliases are one registry. */
export function isUnderPrefix(fullName: string, prefix: string): boolean {
  const trimmed = prefix.trim().replace(/\/+$/, '');
  if (trimmed === '') return false;
  const slash = trimmed.indexOf('/');
  const host = (slash === -1 ? trimmed : trimmed.slice(0, slash)).toLowerCase();
  const normalised = `${DOCKER_HUB_ALIASES.has(host) ? 'docker.io' : host}${slash === -1 ? '' : trimmed.slice(slash)}`;
  return fullName === normalised || fullName.startsWith(`${normalised}/`);
}
