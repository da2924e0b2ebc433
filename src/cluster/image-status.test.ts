// The registry side of image statuses against a TCP server on 127.0.0.1 that drops every connection:
// nothing is asked of a registry when nothing can be checked, and a registry found unreachable is not
// tried again for the next images. (The full paths, against the real registry, are in
// test/cluster/images-status.test.ts.)
import assert from 'node:assert/strict';
import type { Server } from 'node:net';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ImageStatusOptions } from './image-status.ts';
import { imageStatuses } from './image-status.ts';
import type { RunningImage } from './images.ts';

const DIGEST_A = `sha256:${'a1'.repeat(32)}`;
const DIGEST_B = `sha256:${'b2'.repeat(32)}`;

describe('imageStatuses and the registry', () => {
  let server: Server;
  let connections = 0;
  let host = '';
  before(async () => {
    server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    host = `127.0.0.1:${address !== null && typeof address === 'object' ? address.port : 0}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const images = (): RunningImage[] => [
    { image: `${host}/team/a:v1`, digest: DIGEST_A, pinned: false, runningIn: ['shop/a:app'] },
    { image: `${host}/team/b@${DIGEST_B}`, digest: DIGEST_B, pinned: true, runningIn: ['shop/b:app'] },
    { image: `${host}/team/c:v1`, pinned: false, runningIn: ['shop/c:app'] },
  ];
  const base = { scan: true, registry: { insecureRegistries: [host], timeoutMs: 2000, env: {} }, now: new Date('2026-11-27T12:00:00Z') } satisfies Partial<ImageStatusOptions>;

  it('asks nothing of the registry without a policy or a database, and says why each status is unknown', async () => {
    const statuses = await imageStatuses(images(), { ...base, advisories: { unavailable: 'no advisory database at /x.db' } });
    assert.equal(connections, 0);
    assert.deepEqual(
      statuses.map(({ digest, digestSource, signature, vulnerabilities }) => ({ digest, digestSource, signature, vulnerabilities })),
      [DIGEST_A, DIGEST_B, undefined].map((digest) => ({
        digest,
        digestSource: digest === undefined ? 'unknown' : 'pod',
        signature: { status: 'unknown', source: 'none', detail: 'no verification policy given (--verify-policy FILE)' },
        vulnerabilities: { status: 'unknown', detail: 'no advisory database at /x.db; attestations are read only with --verify-policy' },
      })),
    );
  });

  it('tries an unreachable registry once, and gives every image of it the same reason', async () => {
    connections = 0;
    const statuses = await imageStatuses(images(), { ...base, advisories: { match: () => ({ candidates: [], problems: [] }), label: 'no advisories' } });
    const first = statuses[0]?.vulnerabilities.detail ?? '';
    assert.match(first, /^the registry could not be read \(NETWORK_FAILED: .+\); attestations are read only with --verify-policy$/);
    const problem = first.slice('the registry could not be read ('.length, first.indexOf('); attestations'));
    assert.equal(connections, 2, 'one request and its one retry');
    assert.deepEqual(
      statuses.map(({ digestSource, vulnerabilities }) => ({ digestSource, vulnerabilities })),
      [
        { digestSource: 'pod', vulnerabilities: { status: 'unknown', detail: first } },
        { digestSource: 'pod', vulnerabilities: { status: 'unknown', detail: first } },
        { digestSource: 'unknown', vulnerabilities: { status: 'unknown', detail: `the digest is unknown (${problem})` } },
      ],
    );
  });
});
