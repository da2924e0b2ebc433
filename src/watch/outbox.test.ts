import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PalisadeError } from '../core/index.ts';
import { deliverPending } from './outbox.ts';
import type { Alert } from './rematch.ts';
import type { AlertSink } from './sinks.ts';
import { SqliteWatchStore } from './store-sqlite.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const NOW = new Date('2026-11-27T12:00:00.000Z');

function sink(id: string, failures: number): AlertSink & { readonly batches: string[][] } {
  const batches: string[][] = [];
  let left = failures;
  return {
    id,
    name: id,
    batches,
    send(alerts: readonly Alert[]) {
      if (left > 0) {
        left -= 1;
        return Promise.reject(new PalisadeError('NETWORK_FAILED', 'Alert delivery to https://hooks.example.com failed: HTTP 503'));
      }
      batches.push(alerts.map((alert) => alert.vulnerability));
      return Promise.resolve();
    },
  };
}

describe('deliverPending', () => {
  it('sends each recorded alert once per sink, and retries only the sink that refused it on the next pass', async () => {
    const store = new SqliteWatchStore(':memory:');
    await store.putReference({ reference: 'registry.example.com/web:1', digest: DIGEST }, NOW);
    const details = { title: 'lodash prototype pollution', message: 'lodash 4.17.20 is vulnerable', fixedVersions: ['4.17.21'] };
    await store.addAlerts(['GHSA-2', 'GHSA-1'].map((vulnerability) => ({ digest: DIGEST, vulnerability, package: 'pkg:npm/lodash@4.17.20', severity: 'high', details })), NOW);
    const stdout = sink('stdout', 0);
    const webhook = sink('webhook:0123', 1);

    const first = await deliverPending(store, [stdout, webhook], { owner: 'w', now: NOW, running: new Map([[DIGEST, ['prod/web-1']]]) });
    assert.deepEqual(first.problems, ['webhook:0123: Alert delivery to https://hooks.example.com failed: HTTP 503']);
    assert.equal(first.delivered, 0);
    assert.deepEqual(first.alerts.map((alert) => [alert.vulnerability, alert.title, alert.references, alert.runningIn, alert.fixedVersions]), [
      ['GHSA-1', 'lodash prototype pollution', ['registry.example.com/web:1'], ['prod/web-1'], ['4.17.21']],
      ['GHSA-2', 'lodash prototype pollution', ['registry.example.com/web:1'], ['prod/web-1'], ['4.17.21']],
    ]);

    const second = await deliverPending(store, [stdout, webhook], { owner: 'w', now: NOW });
    assert.deepEqual([second.problems, second.delivered], [[], 2]);
    assert.deepEqual(stdout.batches, [['GHSA-1', 'GHSA-2']], 'stdout had them already');
    assert.deepEqual(webhook.batches, [['GHSA-1', 'GHSA-2']]);

    const third = await deliverPending(store, [stdout, webhook], { owner: 'w', now: NOW });
    assert.deepEqual([third.alerts.length, stdout.batches.length, webhook.batches.length], [0, 1, 1]);
    await store.close();
  });
});
