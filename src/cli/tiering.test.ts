import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startScanTiering } from './tiering.ts';

describe('startScanTiering', () => {
  it('delays Maglev at the start and restores V8’s default once, at the 500th file', () => {
    const flags: string[] = [];
    const tiering = startScanTiering((flag) => flags.push(flag));
    assert.deepEqual(flags, ['--invocation-count-for-maglev=1600']);
    for (const filesSeen of [1, 2, 499]) tiering.update(filesSeen);
    assert.deepEqual(flags, ['--invocation-count-for-maglev=1600']);
    tiering.update(500);
    tiering.update(501);
    tiering.update(5000);
    assert.deepEqual(flags, ['--invocation-count-for-maglev=1600', '--invocation-count-for-maglev=400']);
  });

  it('restores the default when the count jumps past 500 without meeting it', () => {
    const flags: string[] = [];
    const tiering = startScanTiering((flag) => flags.push(flag));
    tiering.update(499);
    tiering.update(800);
    assert.deepEqual(flags, ['--invocation-count-for-maglev=1600', '--invocation-count-for-maglev=400']);
  });

  it('turns TurboFan and the GC helper threads off for a short scan without text rules, and back on at the 500th file', () => {
    const flags: string[] = [];
    const tiering = startScanTiering((flag) => flags.push(flag));
    tiering.settled({ textScan: false });
    tiering.update(499);
    assert.deepEqual(flags, ['--invocation-count-for-maglev=1600', '--no-turbofan', '--single-threaded-gc-in-background']);
    tiering.update(500);
    tiering.update(501);
    assert.deepEqual(flags.slice(3), ['--invocation-count-for-maglev=400', '--turbofan', '--no-single-threaded-gc-in-background']);
  });

  it('leaves TurboFan and the GC helper threads alone for a scan with text rules', () => {
    const flags: string[] = [];
    const tiering = startScanTiering((flag) => flags.push(flag));
    tiering.settled({ textScan: true });
    tiering.update(500);
    assert.deepEqual(flags, ['--invocation-count-for-maglev=1600', '--invocation-count-for-maglev=400']);
  });

  it('leaves them alone when the scan settles after it has become long', () => {
    const flags: string[] = [];
    const tiering = startScanTiering((flag) => flags.push(flag));
    tiering.update(600);
    tiering.settled({ textScan: false });
    assert.deepEqual(flags, ['--invocation-count-for-maglev=1600', '--invocation-count-for-maglev=400']);
  });

  it('sets nothing without a setter (a library caller or a test runs the CLI in its own process)', () => {
    const tiering = startScanTiering(undefined);
    assert.doesNotThrow(() => tiering.update(10_000));
    assert.doesNotThrow(() => tiering.settled({ textScan: false }));
  });
});
