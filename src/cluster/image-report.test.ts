import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Threshold } from '../core/index.ts';
import { imagesExitCode, renderImageStatuses } from './image-report.ts';
import type { ImageStatus, SignatureStatus, VulnerabilityStatus } from './image-status.ts';

const DIGEST = `sha256:${'cd'.repeat(32)}`;
const ZERO = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

function image(signature: SignatureStatus['status'], vulnerabilities: VulnerabilityStatus): ImageStatus {
  return {
    image: 'registry.example.com/shop/orders:1.4',
    digest: DIGEST,
    pinned: false,
    runningIn: ['shop/orders-1:orders'],
    digestSource: 'pod',
    signature: { status: signature, source: signature === 'unknown' ? 'none' : 'registry', detail: 'd' },
    vulnerabilities,
  };
}

const HIGH: VulnerabilityStatus = { status: 'known', source: 'store', counts: { ...ZERO, high: 1 }, total: 1, worst: [{ id: 'GHSA-x', severity: 'high', package: 'pkg:npm/a@1.0.0' }], detail: 'the SBOM stored in sqlite:w.db' };
const CLEAN: VulnerabilityStatus = { status: 'known', source: 'registry-scan', counts: ZERO, total: 0, worst: [], detail: 'the layers' };
const UNKNOWN: VulnerabilityStatus = { status: 'unknown', detail: 'no advisory database at /x.db' };

describe('imagesExitCode', () => {
  const cases: readonly (readonly [string, readonly ImageStatus[], boolean, Threshold | undefined, number])[] = [
    ['no policy, no gate: always 0', [image('unknown', UNKNOWN), image('unknown', HIGH)], false, undefined, 0],
    ['a policy and every image verified', [image('verified', CLEAN)], true, undefined, 0],
    ['a policy that requires nothing of the image (skipped)', [image('skipped', CLEAN)], true, undefined, 0],
    ['a policy and one image failing it', [image('verified', CLEAN), image('failed', CLEAN)], true, undefined, 1],
    ['a policy and an image that could not be checked', [image('unknown', CLEAN)], true, undefined, 1],
    ['a failing signature without a policy given cannot happen, and does not count', [image('failed', CLEAN)], false, undefined, 0],
    ['--fail-on high with a high vulnerability', [image('unknown', HIGH)], false, 'high', 1],
    ['--fail-on critical with only a high one', [image('unknown', HIGH)], false, 'critical', 0],
    ['--fail-on low with a high one', [image('unknown', HIGH)], false, 'low', 1],
    ['--fail-on none', [image('unknown', HIGH), image('unknown', UNKNOWN)], false, 'none', 0],
    ['--fail-on critical with an unknown status', [image('unknown', CLEAN), image('unknown', UNKNOWN)], false, 'critical', 1],
    ['--fail-on critical, all clean', [image('verified', CLEAN)], true, 'critical', 0],
    ['no images at all', [], true, 'info', 0],
  ];
  for (const [name, images, policyGiven, failOn, expected] of cases) {
    it(name, () => assert.equal(imagesExitCode(images, policyGiven, failOn), expected));
  }
});

describe('renderImageStatuses', () => {
  it('says when no Pod runs', () => assert.equal(renderImageStatuses([]), 'No Pods are running.\n'));

  it('shows the source of each status, the counts and the worst ids, and a digest resolved at the registry', () => {
    const resolved: ImageStatus = { ...image('failed', HIGH), digestSource: 'registry', signature: { status: 'failed', source: 'registry', detail: `no signatures found for ${DIGEST}` } };
    assert.equal(
      renderImageStatuses([resolved, { ...image('unknown', UNKNOWN), pinned: true, image: `registry.example.com/shop/orders@${DIGEST}` }]),
      [
        'registry.example.com/shop/orders:1.4  (not pinned by digest)',
        `  digest: ${DIGEST} (the tag, resolved at the registry now)`,
        '  running in 1: shop/orders-1:orders',
        `  signature: failed (registry): no signatures found for ${DIGEST}`,
        '  vulnerabilities (watch store): 1 (critical 0, high 1, medium 0, low 0, info 0) from the SBOM stored in sqlite:w.db',
        '    worst: GHSA-x high pkg:npm/a@1.0.0',
        `registry.example.com/shop/orders@${DIGEST}`,
        `  digest: ${DIGEST}`,
        '  running in 1: shop/orders-1:orders',
        '  signature: unknown: d',
        '  vulnerabilities: unknown: no advisory database at /x.db',
        '',
      ].join('\n'),
    );
  });
});
