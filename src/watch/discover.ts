import { openRegistryClient } from '../image/source/registry/index.ts';
import type { ImageReference } from './store.ts';

export interface DiscoverOptions {
  readonly caFile?: string;
  readonly insecureRegistries?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** `*` and `?` globs over tag names (`v1.*`, `release-?`). */
export function tagMatches(tag: string, globs: readonly string[]): boolean {
  return globs.some((glob) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(tag));
}

/**
 * The tags of each repository that match its globs, each resolved to the digest of its manifest
 * (a manifest request per tag, never a layer). One repository that cannot be read is a problem,
 * not the end of the pass.
 */
export async function discoverImages(repositories: readonly { readonly repository: string; readonly tags: readonly string[] }[], options: DiscoverOptions): Promise<{ images: ImageReference[]; problems: string[] }> {
  const images: ImageReference[] = [];
  const problems: string[] = [];
  for (const { repository, tags } of repositories) {
    let client: Awaited<ReturnType<typeof openRegistryClient>> | undefined;
    try {
      client = await openRegistryClient(`docker://${repository}`, { ...options, ...(options.insecureRegistries === undefined ? {} : { insecureRegistries: [...options.insecureRegistries] }) });
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
