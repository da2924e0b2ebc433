import { hostname } from 'node:os';
import type { DiscoverOptions } from './discover.ts';
import { discoverImages } from './discover.ts';
import type { RematchJobData } from './jobs.ts';
import { chunk, databaseRevision } from './jobs.ts';
import { deliverPending } from './outbox.ts';
import type { JobRunner } from './queue.ts';
import { localRunner } from './queue.ts';
import type { Alert } from './rematch.ts';
import type { AlertSink } from './sinks.ts';
import type { WatchStore } from './store.ts';

export interface WatchPassInput {
  readonly store: WatchStore;
  readonly repositories: readonly { readonly repository: string; readonly tags: readonly string[] }[];
  readonly databasePath: string;
  readonly sinks: readonly AlertSink[];
  readonly fetch: DiscoverOptions;
  /** digest → `namespace/workload` where it runs, when a cluster is watched. */
  readonly running?: ReadonlyMap<string, readonly string[]>;
  readonly now: Date;
  /** Where scan and re-match jobs run (default: here, one after the other). */
  readonly runner?: JobRunner;
  /** Stored SBOMs per re-match job (default: all in one job; the queue splits them). */
  readonly chunkSize?: number;
  /** This deliverer's id for the outbox claims (default: host and process id). */
  readonly owner?: string;
}

export interface WatchPassResult {
  /** Digests seen for the first time: their SBOM was built (the only time their layers are read). */
  readonly newImages: readonly string[];
  readonly images: number;
  /** Whether the stored SBOMs were matched (a new database or new images); else nothing changed. */
  readonly rematched: boolean;
  /** Re-match jobs run (chunks of stored SBOMs). */
  readonly jobs: number;
  /** CPU time of the re-match jobs (user + system, wherever they ran). */
  readonly matchCpuMs: number;
  /** The alerts sent in this pass (new ones, and older ones a sink had refused before). */
  readonly alerts: readonly Alert[];
  readonly problems: readonly string[];
}

const DATABASE_KEY = 'database-built-at';

/**
 * One pass of `palisade watch`: list the watched tags and resolve them to digests; build and store
 * the SBOM of every digest not seen before (a scan job each); when the advisory database changed
 * since the last pass (or new images came), re-match every stored SBOM (re-match jobs over chunks of
 * them), which records the alerts never raised before; then send the recorded alerts not yet sent
 * (the store's outbox) to the sinks.
 */
export async function runWatchPass(input: WatchPassInput): Promise<WatchPassResult> {
  const { store, now } = input;
  const runner = input.runner ?? localRunner({ store, databasePath: input.databasePath, fetch: input.fetch }, now);
  const discovered = await discoverImages(input.repositories, input.fetch);
  const problems = [...discovered.problems];
  const toScan = new Map<string, { repository: string; digest: string; reference: string }>();
  for (const image of discovered.images) {
    await store.putReference(image, now);
    if (toScan.has(image.digest) || (await store.hasImage(image.digest))) continue;
    toScan.set(image.digest, { repository: image.reference.slice(0, image.reference.lastIndexOf(':')), digest: image.digest, reference: image.reference });
  }
  const scans = [...toScan.values()];
  const scanned = await runner.scan(scans.map(({ repository, digest }) => ({ repository, digest })));
  const newImages: string[] = [];
  scanned.forEach((outcome, index) => {
    if (outcome.ok) newImages.push(outcome.value.digest);
    else problems.push(`${scans[index]?.reference ?? '?'}: ${outcome.error}`);
  });
  const revision = databaseRevision(input.databasePath);
  const digests = await store.digests();
  let rematched = false;
  let jobs = 0;
  let matchCpuMs = 0;
  if (newImages.length > 0 || (await store.meta(DATABASE_KEY)) !== revision) {
    const work: RematchJobData[] = chunk(digests, Math.max(1, input.chunkSize ?? digests.length)).map((part) => ({ revision, digests: part }));
    const results = await runner.rematch(work);
    jobs = work.length;
    for (const outcome of results) problems.push(...(outcome.ok ? outcome.value.problems : [outcome.error]));
    for (const outcome of results) matchCpuMs += outcome.ok ? outcome.value.cpuMs : 0;
    rematched = true;
    // A failed job leaves the revision unrecorded: the next pass asks again (recorded alerts stay once).
    if (results.every((outcome) => outcome.ok)) await store.setMeta(DATABASE_KEY, revision);
  }
  const delivery = await deliverPending(store, input.sinks, { owner: input.owner ?? `${hostname()}/${process.pid}`, now, ...(input.running === undefined ? {} : { running: input.running }) });
  problems.push(...delivery.problems);
  return { newImages, images: digests.length, rematched, jobs, matchCpuMs, alerts: delivery.alerts, problems };
}
