import { PalisadeError } from '../core/index.ts';
import type { JsonObject } from '../kubernetes/json.ts';
import { isJsonObject, toJsonValue } from '../kubernetes/json.ts';
import type { ApiClient } from './client.ts';
import type { ResourceType } from './resources.ts';
import { CLUSTER_RESOURCES, collectionPath } from './resources.ts';

const PAGE_SIZE = 500;
/** A list that never ends (a server handing out `continue` tokens forever) stops here. */
const MAX_PAGES = 10_000;

/** What was read from the cluster: every object (apiVersion and kind set), and the kinds that could not be listed. */
export interface ClusterSnapshot {
  readonly context: string;
  readonly server: string;
  readonly objects: readonly JsonObject[];
  /** One line per resource type that failed (403 and the like); the others were still read. */
  readonly notices: readonly string[];
}

export interface FetchOptions {
  /** Only this namespace (cluster-scoped kinds are then skipped, except the Namespace itself). */
  readonly namespace?: string;
  readonly resources?: readonly ResourceType[];
}

export async function fetchSnapshot(client: ApiClient, options: FetchOptions = {}): Promise<ClusterSnapshot> {
  const objects: JsonObject[] = [];
  const notices: string[] = [];
  const { namespace } = options;
  for (const type of options.resources ?? CLUSTER_RESOURCES) {
    if (namespace !== undefined && !type.namespaced) {
      if (type.kind === 'Namespace') objects.push(...(await namespaceObject(client, namespace, notices)));
      continue;
    }
    try {
      objects.push(...(await listAll(client, type, namespace)));
    } catch (error) {
      // Authentication and connection failures end the scan; a kind the identity may not list does not.
      if (!(error instanceof PalisadeError) || !/: 40[34] /.test(error.message)) throw error;
      notices.push(`${type.kind} objects were not read: ${error.message}`);
    }
  }
  return { context: client.connection.context, server: client.connection.server, objects, notices };
}

async function listAll(client: ApiClient, type: ResourceType, namespace: string | undefined): Promise<JsonObject[]> {
  const objects: JsonObject[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(token === undefined ? {} : { continue: token }) });
    const list = toJsonValue(await client.getJson(`${collectionPath(type, namespace)}?${query.toString()}`));
    if (!isJsonObject(list) || !Array.isArray(list['items'])) throw new PalisadeError('CLUSTER_REQUEST_FAILED', `GET ${collectionPath(type, namespace)}: the answer is not a ${type.kind}List`);
    for (const item of list['items']) if (isJsonObject(item)) objects.push(normalise(item, type));
    const metadata = list['metadata'];
    const next = isJsonObject(metadata) ? metadata['continue'] : undefined;
    if (typeof next !== 'string' || next === '') return objects;
    token = next;
  }
  throw new PalisadeError('CLUSTER_REQUEST_FAILED', `GET ${collectionPath(type, namespace)}: more than ${MAX_PAGES} pages; refused.`);
}

async function namespaceObject(client: ApiClient, namespace: string, notices: string[]): Promise<JsonObject[]> {
  try {
    const object = toJsonValue(await client.getJson(`/api/v1/namespaces/${encodeURIComponent(namespace)}`));
    return isJsonObject(object) ? [normalise(object, { apiVersion: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false })] : [];
  } catch (error) {
    if (!(error instanceof PalisadeError) || !/: 40[34] /.test(error.message)) throw error;
    notices.push(`Namespace ${namespace} was not read: ${error.message}`);
    return [];
  }
}

/** Items of a list carry no apiVersion/kind; server-side bookkeeping that no rule reads is dropped. */
function normalise(item: JsonObject, type: ResourceType): JsonObject {
  const metadata = isJsonObject(item['metadata']) ? item['metadata'] : {};
  const { managedFields: _managed, resourceVersion: _version, uid: _uid, generation: _generation, selfLink: _self, ...kept } = metadata;
  const annotations = isJsonObject(kept['annotations']) ? kept['annotations'] : undefined;
  const { 'kubectl.kubernetes.io/last-applied-configuration': _applied, ...otherAnnotations } = annotations ?? {};
  const cleaned = annotations === undefined ? kept : Object.keys(otherAnnotations).length === 0 ? omit(kept, 'annotations') : { ...kept, annotations: otherAnnotations };
  return { apiVersion: type.apiVersion, kind: type.kind, ...omit(omit(item, 'apiVersion'), 'kind'), metadata: cleaned };
}

function omit(object: JsonObject, key: string): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
}
