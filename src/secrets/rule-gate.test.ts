import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Rule } from '../core/index.ts';
import { defineRule } from '../core/index.ts';
import { byteSet, classRunScreen } from './byte-screens.ts';
import { createRuleGate, registerRuleKeywords } from './rule-gate.ts';

function rule(id: string): Rule {
  return defineRule({
    meta: { id, slug: `no-${id.toLowerCase()}`, title: id, severity: 'high', kind: 'secret', stability: 'stable', since: '0.1.0', target: 'text', description: id, remediation: 'Fix it.', references: [], aliases: [], compliance: [], packs: [], messages: { m: 'm' } },
    check() {},
  });
}

describe('rule gate', () => {
  const a = registerRuleKeywords(rule('SEC-0001'), ['ghp_', 'gho_']);
  const b = rule('SEC-0002');
  const c = registerRuleKeywords(rule('SEC-0003'), ['akia']);
  const d = registerRuleKeywords(rule('SEC-0004'), ['ghp_', 'AKIA']);
  const gate = createRuleGate([a, b, c, d]);
  const ids = (rules: readonly Rule[]): string[] => rules.map((picked) => picked.meta.id);
  const cases: readonly [string[], string[]][] = [
    [[], ['SEC-0002']],
    [['ghp_'], ['SEC-0001', 'SEC-0002', 'SEC-0004']],
    [['akia'], ['SEC-0002', 'SEC-0003']],
    [['akia', 'gho_'], ['SEC-0001', 'SEC-0002', 'SEC-0003']],
    [['akia', 'ghp_', 'unknown'], ['SEC-0001', 'SEC-0002', 'SEC-0003', 'SEC-0004']],
  ];
  for (const [keywords, expected] of cases) {
    it(`selects ${expected.join(', ')} for ${JSON.stringify(keywords)}, in the scan's rule order`, () => {
      assert.deepEqual(ids(gate.select(new Set(keywords))), expected);
    });
  }

  it('matches keywords as the prefilter reports them (lower case): an upper-case keyword never selects', () => {
    assert.deepEqual(ids(createRuleGate([d]).select(new Set(['akia']))), []);
  });

  it('leaves out, given the file’s bytes, a rule whose byte screen fails', () => {
    const screened = registerRuleKeywords(rule('SEC-0005'), ['://'], (bytes, length) => Buffer.from(bytes.subarray(0, length)).includes('@'));
    const screenedGate = createRuleGate([a, screened]);
    const pick = (keywords: readonly string[], text: string): string[] => ids(screenedGate.select(new Set(keywords), Buffer.from(text), Buffer.byteLength(text)));
    assert.deepEqual(pick(['://'], 'https://u:p@h'), ['SEC-0005']);
    assert.deepEqual(pick(['://'], 'https://h'), []);
    assert.deepEqual(ids(screenedGate.select(new Set(['://']), Buffer.from('https://h@'), 9)), [], 'bytes[0..length) only');
    assert.deepEqual(ids(screenedGate.select(new Set(['://']))), ['SEC-0005'], 'without bytes, no screen runs');
  });

  it('runs no screen when the file is decoded anyway (a picked rule without a screen, or a rule that always runs)', () => {
    const screened = registerRuleKeywords(rule('SEC-0005'), ['://'], () => false);
    assert.deepEqual(ids(createRuleGate([a, screened]).select(new Set(['://', 'ghp_']), Buffer.from('x'), 1)), ['SEC-0001', 'SEC-0005']);
    assert.deepEqual(ids(createRuleGate([b, screened]).select(new Set(['://']), Buffer.from('x'), 1)), ['SEC-0002', 'SEC-0005']);
  });

  it('runs costly screens last, and screens only until one passes', () => {
    const runScreen = classRunScreen(byteSet(/^\d$/), 4);
    const costlyRule = registerRuleKeywords(rule('SEC-0006'), ['key'], runScreen);
    const cheapRule = registerRuleKeywords(rule('SEC-0007'), ['key', 'ghp_'], (bytes, length) => Buffer.from(bytes.subarray(0, length)).includes('ghp_'));
    const gate = createRuleGate([costlyRule, cheapRule, a]);
    const pick = (keywords: readonly string[], text: string): string[] => ids(gate.select(new Set(keywords), Buffer.from(text), Buffer.byteLength(text)));
    assert.deepEqual(pick(['key'], 'key 1234'), ['SEC-0006']);
    assert.deepEqual(pick(['key'], 'key 123'), []);
    assert.deepEqual(pick(['key'], 'key ghp_ 12'), ['SEC-0006', 'SEC-0007'], 'the file is decoded for SEC-0007: SEC-0006 runs unscreened');
    assert.deepEqual(pick(['key', 'ghp_'], 'key ghp_'), ['SEC-0006', 'SEC-0007', 'SEC-0001'], 'SEC-0001 has no screen: the file is decoded');
    assert.deepEqual(pick(['ghp_'], 'ghp_ 1234'), ['SEC-0007', 'SEC-0001']);
    assert.deepEqual(pick(['key'], 'key 12 ghp'), []);
  });

  it('runs unregistered rules always and keeps the given order', () => {
    assert.deepEqual(ids(createRuleGate([d, b, a]).select(new Set(['ghp_']))), ['SEC-0004', 'SEC-0002', 'SEC-0001']);
    assert.deepEqual(ids(createRuleGate([]).select(new Set(['ghp_']))), []);
  });
});
