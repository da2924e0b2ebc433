import type { Alert } from './rematch.ts';
import { describeAlerts } from './rematch.ts';
import type { AlertSink } from './sinks.ts';
import type { AlertKey, WatchStore } from './store.ts';

export interface DeliverOptions {
  /** Who claims the pending alerts (a watcher's id); claims of a dead deliverer lapse after `leaseMs`. */
  readonly owner: string;
  readonly now: Date;
  readonly leaseMs?: number;
  readonly running?: ReadonlyMap<string, readonly string[]>;
}

export interface DeliverResult {
  /** Every alert claimed in this delivery (new ones, and older ones a sink had refused). */
  readonly alerts: readonly Alert[];
  /** Alerts every sink accepted (the others stay pending for the next pass). */
  readonly delivered: number;
  readonly problems: readonly string[];
}

const DEFAULT_LEASE_MS = 10 * 60_000;

/**
 * Sends the store's pending alerts (the outbox) to the sinks: at least once to each sink, and a
 * sink that accepted an alert is never sent it again. Recording an alert (a worker's job) and
 * sending it (the watcher) are apart: a job retried after its worker died records nothing twice,
 * and an alert recorded but not yet sent when a process dies is sent by the next pass. The only
 * repeat left is a sink that accepted a batch while the watcher died before writing that down.
 */
export async function deliverPending(store: WatchStore, sinks: readonly AlertSink[], options: DeliverOptions): Promise<DeliverResult> {
  const pending = await store.claimPending(options.owner, options.now, options.leaseMs ?? DEFAULT_LEASE_MS);
  if (pending.length === 0) return { alerts: [], delivered: 0, problems: [] };
  const alerts = await describeAlerts(store, pending, options.running);
  const problems: string[] = [];
  const refused = new Set<number>();
  for (const sink of sinks) {
    const indexes = pending.flatMap((alert, index) => (alert.deliveredTo.includes(sink.id) ? [] : [index]));
    if (indexes.length === 0) continue;
    try {
      await sink.send(indexes.map((index) => alerts[index]).filter((alert) => alert !== undefined));
      await store.recordDelivery(indexes.map((index) => keyOf(pending[index])).filter((key) => key !== undefined), sink.id, options.now);
    } catch (error) {
      for (const index of indexes) refused.add(index);
      problems.push(`${sink.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const delivered = pending.filter((_, index) => !refused.has(index));
  await store.finishDelivery(options.owner, delivered, options.now);
  return { alerts, delivered: delivered.length, problems };
}

function keyOf(alert: AlertKey | undefined): AlertKey | undefined {
  return alert === undefined ? undefined : { digest: alert.digest, vulnerability: alert.vulnerability, package: alert.package };
}
