// Cross-checks the dpkg comparator against `dpkg --compare-versions` (the reference
// implementation). The generated versions are sorted with our comparator; dpkg then confirms
// each adjacent pair (`lt` or `eq`), which by transitivity confirms the whole order.
// Skips with a message where dpkg is not installed.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { Version } from './scheme.ts';
import { dpkgScheme } from './dpkg.ts';

const hasDpkg = spawnSync('dpkg', ['--version'], { stdio: 'ignore' }).status === 0;
const skip = hasDpkg ? false : 'dpkg not found: install the Debian package `dpkg` to run the oracle cross-check';

const EPOCHS = ['', '1:'];
const UPSTREAMS = ['0', '1', '1.0', '1.00', '01.0', '1.0.0', '1.0a', '1.0.a', '1.0~rc1', '1.0~~', '1.0~', '1.0+dfsg', '1.0+~', '1.0.1', '1.10', '1.9', '1.0-beta', '1a', '1A', '9999999999999999999'];
const REVISIONS = ['', '-0', '-1', '-1~bpo10+1', '-1+deb10u1', '-1ubuntu0.1'];

/** Every epoch × upstream × revision combination: 240 versions. */
const TEXTS = EPOCHS.flatMap((epoch) => UPSTREAMS.flatMap((upstream) => REVISIONS.map((revision) => `${epoch}${upstream}${revision}`)));

/** One shell process; prints `ok` or `no` per pair (versions are checked to hold no shell metacharacters). */
function dpkgConfirms(pairs: readonly (readonly [string, 'lt' | 'eq', string])[]): string[] {
  const script = pairs.map(([a, op, b]) => `dpkg --compare-versions '${a}' ${op} '${b}' && echo ok || echo no`).join('\n');
  return execFileSync('sh', ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n');
}

describe('dpkg: agrees with dpkg --compare-versions', { skip }, () => {
  it('on the sorted order of 240 generated versions', () => {
    const versions: Version[] = TEXTS.map((text) => {
      assert.ok(/^[0-9A-Za-z.+~:-]+$/.test(text), text);
      const parsed = dpkgScheme.parse(text);
      assert.ok(parsed.ok, text);
      return parsed.value;
    });
    const sorted = [...versions].sort((a, b) => dpkgScheme.compare(a, b));
    const pairs = sorted.slice(1).map((high, index): readonly [string, 'lt' | 'eq', string] => {
      const low = sorted[index];
      assert.ok(low !== undefined);
      return [low.text, dpkgScheme.compare(low, high) === 0 ? 'eq' : 'lt', high.text];
    });
    const answers = dpkgConfirms(pairs);
    assert.equal(answers.length, pairs.length);
    const disagreements = pairs.filter((_, index) => answers[index] !== 'ok').map(([a, op, b]) => `dpkg denies ${a} ${op} ${b}`);
    assert.deepEqual(disagreements, []);
  });
});
