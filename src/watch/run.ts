import { buildSbom } from '../sbom/build.ts';
import { collectImageInventories } from '../sbom/image-lazy.ts';
import { openAdvisoryDatabase } from '../vuln/db/index.ts';
import type { DiscoverOptions } from './discover.ts';
import { discoverImages } from './discover.ts';
import type { Alert } from './rematch.ts';
import { rematch } from './rematch.ts';
import type { AlertSink } from './sinks.ts';
import type { WatchStore } from './store.ts';

export interface WatchPassInput {
  readonly store: WatchStore;
  readonly repositories: readonly { readonly repository: string; readonly tags: readonly string[] }[];
  readonly databasePath: string;
  readonly sinks: readonly AlertSink[];
  readonly fetch: DiscoverOptions;
  /** digest → `namespace/pod` where it runs, when a cluster is watched. */
  readonly running?: ReadonlyMap<string, readonly string[]>;
  readonly now: Date;
}

export interface WatchPassResult {
  /** Digests seen for the first time: their SBOM was built (the only time their layers are read). */
  readonly newImages: readonly string[];
  readonly images: number;
  /** Whether the stored SBOMs were matched (a new database or new images); else nothing changed. */
  readonly rematched: boolean;
  readonly alerts: readonly Alert[];
  readonly problems: readonly string[];
}

const DATABASE_KEY = 'database-built-at';

/**
 * One pass of `palisade watch`: list the watched tags and resolve them to digests; build and store
 * the SBOM of every digest not seen before; when the advisory database changed since the last pass
 * (or new images came), re-match every stored SBOM and send only the alerts not raised before.
 */
export async function runWatchPass(input: WatchPassInput): Promise<WatchPassResult> {
  const { store, now } = input;
  const discovered = await discoverImages(input.repositories, input.fetch);
  const problems = [...discovered.problems];
  const newImages: string[] = [];
  for (const image of discovered.images) {
    store.putReference(image, now);
    if (store.hasImage(image.digest) || newImages.includes(image.digest)) continue;
    const repository = image.reference.slice(0, image.reference.lastIndexOf(':'));
    try {
      const collected = await collectImageInventories(`docker://${repository}@${image.digest}`, { ...input.fetch });
      const sbom = await buildSbom(collected.inventories, { name: repository, version: image.digest, kind: 'image' }, 'cyclonedx-json', { timestamp: now });
      store.putImage(image.digest, sbom, now);
      newImages.push(image.digest);
    } catch (error) {
      problems.push(`${image.reference}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const database = openAdvisoryDatabase(input.databasePath);
  try {
    const builtAt = database.meta.builtAt ?? '';
    if (newImages.length === 0 && store.meta(DATABASE_KEY) === builtAt) return { newImages, images: store.digests().length, rematched: false, alerts: [], problems };
    const result = rematch(store, database, now, input.running);
    problems.push(...result.problems);
    for (const sink of input.sinks) {
      try {
        await sink.send(result.alerts);
      } catch (error) {
        problems.push(`${sink.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    store.setMeta(DATABASE_KEY, builtAt);
    return { newImages, images: result.images, rematched: true, alerts: result.alerts, problems };
  } finally {
    database.close();
  }
}

