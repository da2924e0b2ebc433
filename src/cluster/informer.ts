import { setTimeout as sleep } from 'node:timers/promises';
import { PalisadeError } from '../core/index.ts';
import type { JsonObject, JsonValue } from '../kubernetes/json.ts';
import { isJsonObject, objectAt, stringAt, toJsonValue } from '../kubernetes/json.ts';
import type { ApiClient } from './client.ts';
import { ApiStatusError, StreamLineTooLong } from './client.ts';
import type { PodRecord, Workload } from './workload.ts';
import { podRecord } from './workload.ts';

const PODS = '/api/v1/pods';
const PAGE_SIZE = 500;
const MAX_PAGES = 10_000;

export interface InformerOptions {
  /** Only the Pods of this namespace. */
  readonly namespace?: string;
  /** First wait after a failed watch or list; doubled per failure up to `maxBackoffMs` (default 1 s, 60 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** The server ends each watch after this long (`timeoutSeconds`); the informer then watches again (default 300). */
  readonly watchTimeoutSeconds?: number;
  /** Disconnects, expired versions and re-lists, for the log. */
  readonly onNotice?: (message: string) => void;
}

/** One place a digest runs. */
export interface Placement {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly workload: Workload;
  readonly image: string;
}

/** What the informer has done so far (for /metrics and the tests). */
export interface InformerStats {
  readonly lists: number;
  readonly watches: number;
  readonly events: number;
}

/** The watch must start over from a fresh list: the version expired (410) or the stream cannot be trusted. */
class Relist extends Error {
  readonly immediate: boolean;

  constructor(message: string, immediate: boolean) {
    super(message);
    this.immediate = immediate;
  }
}

/**
 * A Pod informer, as client-go's reflector does it: list (paged) to learn every Pod and the list's
 * resourceVersion, then watch from that version with bookmarks, applying ADDED, MODIFIED and DELETED
 * to an in-memory map. When the server ends a watch, it watches again from the last version seen; a
 * 410 Gone (the version left the server's window) makes it list again; a broken connection is retried
 * with exponential backoff. `stop()` ends the watch and waits for the loop.
 */
export class PodInformer {
  readonly #client: ApiClient;
  readonly #options: InformerOptions;
  readonly #pods = new Map<string, PodRecord>();
  readonly #abort = new AbortController();
  #version: string | undefined;
  #loop: Promise<void> | undefined;
  #lists = 0;
  #watches = 0;
  #events = 0;

  constructor(client: ApiClient, options: InformerOptions = {}) {
    this.#client = client;
    this.#options = options;
  }

  /** Lists the Pods (a failure here is thrown: the cluster is unreachable or refuses), then watches in the background. */
  async start(): Promise<void> {
    if (this.#loop !== undefined) return;
    await this.#list();
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
  }

  get stats(): InformerStats {
    return { lists: this.#lists, watches: this.#watches, events: this.#events };
  }

  /** The resourceVersion the next watch starts from. */
  get resourceVersion(): string | undefined {
    return this.#version;
  }

  /** The Pods known now (finished ones left out), sorted by namespace/name. */
  pods(): PodRecord[] {
    return [...this.#pods.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, pod]) => pod);
  }

  /** digest → every container running it now, sorted by namespace/pod/container. */
  runningDigests(): Map<string, Placement[]> {
    const running = new Map<string, Placement[]>();
    for (const { pod, container } of this.pods().flatMap((record) => record.containers.map((entry) => ({ pod: record, container: entry })))) {
      if (container.digest === undefined) continue;
      const places = running.get(container.digest) ?? [];
      places.push({ namespace: pod.namespace, pod: pod.name, container: container.name, workload: pod.workload, image: container.image });
      running.set(container.digest, places);
    }
    return running;
  }

  async #run(): Promise<void> {
    const first = this.#options.backoffMs ?? 1000;
    let backoff = first;
    let relisted = false;
    while (!this.#abort.signal.aborted) {
      const outcome = await this.#cycle();
      if (outcome === 'stopped') return;
      if (outcome === 'again') backoff = first;
      // One re-list at once after a 410; a server that keeps expiring fresh versions waits like a failure.
      const now = outcome === 'again' || (outcome === 'relist' && !relisted);
      relisted = outcome === 'relist';
      if (now) continue;
      await sleep(backoff, undefined, { signal: this.#abort.signal }).catch(() => undefined);
      backoff = Math.min(backoff * 2, this.#options.maxBackoffMs ?? 60_000);
    }
  }

  /** A list when needed, then one watch: `again` goes on at once, `relist` lists again, `wait` after the backoff. */
  async #cycle(): Promise<'again' | 'relist' | 'wait' | 'stopped'> {
    try {
      if (this.#version === undefined) await this.#list();
      if ((await this.#watch()) > 0) return 'again';
      this.#notice('the watch ended without any event; waiting before watching again');
      return 'wait';
    } catch (error) {
      if (this.#abort.signal.aborted) return 'stopped';
      this.#notice(error instanceof Error ? error.message : String(error));
      if (!(error instanceof Relist)) return 'wait';
      this.#version = undefined;
      return error.immediate ? 'relist' : 'wait';
    }
  }

  #notice(message: string): void {
    this.#options.onNotice?.(message);
  }

  #path(): string {
    const { namespace } = this.#options;
    return namespace === undefined ? PODS : `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  }

  /** Every Pod, page by page; replaces the map (Pods deleted while disconnected go away here). */
  async #list(): Promise<void> {
    const pods = new Map<string, PodRecord>();
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(token === undefined ? {} : { continue: token }) });
      const list = toJsonValue(await this.#client.getJson(`${this.#path()}?${query.toString()}`));
      if (!isJsonObject(list) || !Array.isArray(list['items'])) throw new PalisadeError('CLUSTER_REQUEST_FAILED', `GET ${this.#path()}: the answer is not a PodList`);
      for (const item of list['items']) if (isJsonObject(item)) this.#put(pods, item);
      const metadata = objectAt(list, 'metadata') ?? {};
      const next = stringAt(metadata, 'continue');
      if (next === undefined || next === '') return this.#replace(pods, stringAt(metadata, 'resourceVersion') ?? '');
      token = next;
    }
    throw new PalisadeError('CLUSTER_REQUEST_FAILED', `GET ${this.#path()}: more than ${MAX_PAGES} pages; refused.`);
  }

  #replace(pods: ReadonlyMap<string, PodRecord>, version: string): void {
    this.#pods.clear();
    for (const [key, pod] of pods) this.#pods.set(key, pod);
    this.#version = version;
    this.#lists += 1;
  }

  /** One watch request; returns the number of events applied when the server ends it. */
  async #watch(): Promise<number> {
    const query = new URLSearchParams({ watch: '1', resourceVersion: this.#version ?? '', allowWatchBookmarks: 'true', timeoutSeconds: String(this.#options.watchTimeoutSeconds ?? 300) });
    const idleMs = ((this.#options.watchTimeoutSeconds ?? 300) + 30) * 1000;
    this.#watches += 1;
    let events = 0;
    try {
      for await (const line of this.#client.streamLines(`${this.#path()}?${query.toString()}`, { signal: this.#abort.signal, idleMs })) {
        this.#apply(line);
        events += 1;
        this.#events += 1;
      }
    } catch (error) {
      if (error instanceof ApiStatusError && error.status === 410) throw new Relist(`${error.message}; listing again`, true);
      if (error instanceof StreamLineTooLong) throw new Relist(`${error.message} Listing again`, false);
      throw error;
    }
    return events;
  }

  #apply(line: string): void {
    let event: JsonValue;
    try {
      event = toJsonValue(JSON.parse(line));
    } catch {
      throw new Relist(`a watch event is not JSON (${line.slice(0, 80)}); listing again`, false);
    }
    const object = isJsonObject(event) ? objectAt(event, 'object') : undefined;
    const type = isJsonObject(event) ? stringAt(event, 'type') : undefined;
    if (object === undefined || type === undefined) throw new Relist(`a watch event without type or object (${line.slice(0, 80)}); listing again`, false);
    if (type === 'ERROR') {
      const code = object['code'];
      const message = `the watch failed: ${stringAt(object, 'message') ?? 'no message'}`;
      throw code === 410 ? new Relist(`${message} (410 Gone); listing again`, true) : new PalisadeError('CLUSTER_REQUEST_FAILED', message);
    }
    const version = stringAt(objectAt(object, 'metadata') ?? {}, 'resourceVersion');
    if (type === 'ADDED' || type === 'MODIFIED') this.#put(this.#pods, object);
    else if (type === 'DELETED') this.#pods.delete(keyOf(object));
    else if (type !== 'BOOKMARK') throw new Relist(`a watch event of unknown type ${type}; listing again`, false);
    if (version !== undefined) this.#version = version;
  }

  #put(pods: Map<string, PodRecord>, object: JsonObject): void {
    const record = podRecord(object);
    if (record === undefined) pods.delete(keyOf(object));
    else pods.set(keyOf(object), record);
  }
}

function keyOf(pod: JsonObject): string {
  const metadata = objectAt(pod, 'metadata') ?? {};
  return `${stringAt(metadata, 'namespace') ?? 'default'}/${stringAt(metadata, 'name') ?? ''}`;
}
