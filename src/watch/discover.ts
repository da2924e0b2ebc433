import { createApiClient } from '../cluster/client.ts';
import { PodInformer } from '../cluster/informer.ts';
import type { KubeconfigOptions } from '../cluster/kubeconfig.ts';
import { loadConnection } from '../cluster/kubeconfig.ts';
import { openRegistryClient } from '../image/source/registry/index.ts';
import { listRepositories } from '../image/source/registry/catalog.ts';
import type { ImageReference } from './store.ts';

export interface DiscoverOptions {
  readonly caFile?: string;
  readonly insecureRegistries?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
}

type WatchedRepository = { readonly repository: string; readonly tags: readonly string[] };

/** `*` and `?` globs over tag names (`v1.*`, `release-?`). */
export function tagMatches(tag: string, globs: readonly string[]): boolean {
  return globs.some((glob) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(tag));
}

/** A repository entry with `*` or `?` after the registry host (`registry.example.com/*`, `…/shop/*`) names catalog entries. */
export function isRepositoryPattern(repository: string): boolean {
  const slash = repository.indexOf('/');
  return slash !== -1 && /[*?]/.test(repository.slice(slash + 1));
}

/**
 * The configured repositories with every pattern replaced by the catalog's repositories that match it
 * (`*` also crosses `/`: `registry.example.com/*` is every repository). One catalog request series per
 * registry; a repository named twice keeps the tag globs of both. A registry whose catalog cannot be
 * read is a problem, the other entries are still watched.
 */
export async function expandRepositories(repositories: readonly WatchedRepository[], options: DiscoverOptions): Promise<{ repositories: WatchedRepository[]; problems: string[] }> {
  const tags = new Map<string, Set<string>>();
  const problems: string[] = [];
  const catalogs = new Map<string, Promise<string[]>>();
  const add = (repository: string, globs: readonly string[]): void => {
    const set = tags.get(repository) ?? new Set<string>();
    for (const glob of globs) set.add(glob);
    tags.set(repository, set);
  };
  for (const { repository, tags: globs } of repositories) {
    if (!isRepositoryPattern(repository)) {
      add(repository, globs);
      continue;
    }
    const registry = repository.slice(0, repository.indexOf('/'));
    const pattern = repository.slice(registry.length + 1);
    const catalog = catalogs.get(registry) ?? listRepositories(registry, clientOptions(options));
    catalogs.set(registry, catalog);
    const names = await catalog.catch((error: unknown) => {
      problems.push(`${repository}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    });
    for (const name of names.filter((entry) => tagMatches(entry, [pattern]))) add(`${registry}/${name}`, globs);
  }
  return { repositories: [...tags.entries()].map(([repository, globs]) => ({ repository, tags: [...globs] })), problems };
}

function clientOptions(options: DiscoverOptions): { caFile?: string; insecureRegistries?: string[]; env?: Readonly<Record<string, string | undefined>> } {
  const { insecureRegistries, ...rest } = options;
  return { ...rest, ...(insecureRegistries === undefined ? {} : { insecureRegistries: [...insecureRegistries] }) };
}

/**
 * The tags of each repository that match its globs, each resolved to the digest of its manifest
 * (a manifest request per tag, never a layer). Patterns are expanded through the registry's catalog
 * first. One repository that cannot be read is a problem, not the end of the pass.
 */
export async function discoverImages(configured: readonly WatchedRepository[], options: DiscoverOptions): Promise<{ images: ImageReference[]; problems: string[] }> {
  const images: ImageReference[] = [];
  const { repositories, problems } = await expandRepositories(configured, options);
  for (const { repository, tags } of repositories) {
    let client: Awaited<ReturnType<typeof openRegistryClient>> | undefined;
    try {
      client = await openRegistryClient(`docker://${repository}`, clientOptions(options));
      for (const tag of (await client.listTags()).filter((name) => tagMatches(name, tags)).sort()) {
        const manifest = await client.getManifest(tag);
        if (manifest !== undefined) images.push({ reference: `${repository}:${tag}`, digest: manifest.digest });
      }
    } catch (error) {
      problems.push(`${repository}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      client?.close();
    }
  }
  return { images, problems };
}

/** The cluster side of `palisade watch`: a Pod informer kept running between passes. */
export interface RunningImagesWatch {
  readonly informer: PodInformer;
  /** digest → `namespace/workload` (`prod/payments`) where it runs now, sorted; a digest absent runs nowhere. */
  running(): ReadonlyMap<string, readonly string[]>;
  stop(): Promise<void>;
}

/**
 * Starts a Pod informer on the configured cluster (kubeconfig and context as `palisade cluster` finds
 * them). Resolves once the first list is in (a cluster that cannot be read fails here); then the
 * informer follows the Pods by watching, so each pass asks it instead of listing every Pod again.
 */
export async function watchRunningImages(cluster: Pick<KubeconfigOptions, 'kubeconfig' | 'context'> & { readonly namespace?: string }, env: Readonly<Record<string, string | undefined>>, onNotice?: (message: string) => void): Promise<RunningImagesWatch> {
  const connection = loadConnection({ ...(cluster.kubeconfig === undefined ? {} : { kubeconfig: cluster.kubeconfig }), ...(cluster.context === undefined ? {} : { context: cluster.context }), env });
  const informer = new PodInformer(await createApiClient(connection), { ...(cluster.namespace === undefined ? {} : { namespace: cluster.namespace }), ...(onNotice === undefined ? {} : { onNotice: (message: string) => onNotice(`cluster ${connection.context}: ${message}`) }) });
  await informer.start();
  return { informer, running: () => runningWorkloads(informer), stop: () => informer.stop() };
}

/** digest → sorted, distinct `namespace/workload` from the informer's Pods. */
export function runningWorkloads(informer: Pick<PodInformer, 'runningDigests'>): Map<string, string[]> {
  const running = new Map<string, string[]>();
  for (const [digest, places] of informer.runningDigests()) running.set(digest, [...new Set(places.map((place) => `${place.namespace}/${place.workload.name}`))].sort());
  return running;
}

/** How an alert says where its image is: "running in prod/payments, shop/web" or "only in the registry". */
export function whereRunning(digest: string, running: ReadonlyMap<string, readonly string[]>): string {
  const places = running.get(digest) ?? [];
  return places.length === 0 ? 'only in the registry' : `running in ${places.join(', ')}`;
}
