import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Rule } from '../core/index.ts';
import { defineRule } from '../core/index.ts';
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
    const screenedGate = createRuleGate([a, b, screened]);
    const pick = (text: string): string[] => ids(screenedGate.select(new Set(['://', 'ghp_']), Buffer.from(text), Buffer.byteLength(text)));
    assert.deepEqual(pick('https://u:p@h'), ['SEC-0001', 'SEC-0002', 'SEC-0005']);
    assert.deepEqual(pick('https://h'), ['SEC-0001', 'SEC-0002']);
    assert.deepEqual(ids(screenedGate.select(new Set(['://']), Buffer.from('https://h@'), 9)), ['SEC-0002']);
    assert.deepEqual(ids(screenedGate.select(new Set(['://']))), ['SEC-0002', 'SEC-0005'], 'without bytes, no screen runs');
  });

  it('runs unregistered rules always and keeps the given order', () => {
    assert.deepEqual(ids(createRuleGate([d, b, a]).select(new Set(['ghp_']))), ['SEC-0004', 'SEC-0002', 'SEC-0001']);
    assert.deepEqual(ids(createRuleGate([]).select(new Set(['ghp_']))), []);
  });
});
