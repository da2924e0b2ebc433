import { PalisadeError } from '../../../core/index.ts';
import { parseJsonObject } from '../json.ts';
import { MAX_MANIFEST_BYTES } from '../media-types.ts';
import { parseImageTarget } from '../target.ts';
import type { RegistryClientOptions } from './client.ts';
import { openRegistryClient } from './client.ts';
import { readBody } from './http.ts';
import type { RegistryTuning } from './open-registry.ts';

const DEFAULT_PAGE = 1000;
const MAX_PAGES = 10_000;

export interface CatalogOptions extends RegistryClientOptions {
  /** `n` asked per page (default 1000; registries may send fewer and say so with `Link`). */
  readonly pageSize?: number;
}

/**
 * Every repository of a registry (`GET /v2/_catalog?n=…`, following `Link: <…>; rel="next"` pages),
 * sorted. The catalog is optional in the distribution spec: a registry without it (404) or that refuses
 * it (Docker Hub, most SaaS registries: 401/403) is an error naming the way out.
 */
export async function listRepositories(registry: string, options: CatalogOptions = {}, tuning: RegistryTuning = {}): Promise<string[]> {
  const target = parseImageTarget(`docker://${registry}/catalog`);
  if (target.transport !== 'docker' || target.registry !== registry) throw new PalisadeError('USAGE', `${registry} is not a registry host (host[:port]).`);
  const client = await openRegistryClient({ ...target, reference: registry }, options, tuning);
  const repositories = new Set<string>();
  const seen = new Set<string>();
  try {
    let path: string | undefined = `/v2/_catalog?n=${options.pageSize ?? DEFAULT_PAGE}`;
    for (let page = 0; path !== undefined && page < MAX_PAGES && !seen.has(path); page += 1) {
      seen.add(path);
      const response = await client.session.send('GET', new URL(path, `https://${target.host}`), { accept: 'application/json' }, 'the repository catalog', [200, 404]);
      if (response.status === 404) {
        response.body.resume();
        throw new PalisadeError('IMAGE_NOT_FOUND', `${registry} does not offer the catalog API (GET /v2/_catalog answered 404); name the repositories to watch instead.`);
      }
      const body = parseJsonObject(await readBody(response, MAX_MANIFEST_BYTES), `${registry}: the repository catalog`);
      if (Array.isArray(body.repositories)) for (const name of body.repositories) if (typeof name === 'string') repositories.add(name);
      const link = response.headers.link;
      path = nextCatalogPage(Array.isArray(link) ? link.join(', ') : link);
    }
  } finally {
    client.close();
  }
  return [...repositories].sort();
}

/** `Link: </v2/_catalog?last=b&n=100>; rel="next"` → `/v2/_catalog?last=b&n=100`; a link elsewhere is ignored. */
export function nextCatalogPage(link: string | undefined): string | undefined {
  const match = link === undefined ? null : /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  if (match === null) return undefined;
  const target = new URL(match[1] ?? '', 'https://registry.invalid');
  return target.pathname === '/v2/_catalog' ? `${target.pathname}${target.search}` : undefined;
}
