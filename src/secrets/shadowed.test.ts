import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Finding } from '../core/index.ts';
import { dropShadowedGenericSecrets } from './shadowed.ts';

function finding(ruleId: string, line: number, column: number): Finding {
  return {
    ruleId,
    slug: ruleId.toLowerCase(),
    messageId: 'm',
    aliases: [],
    kind: 'secret',
    severity: 'high',
    title: 't',
    message: 'm',
    location: { path: 'a.js', startLine: line, startColumn: column, endLine: line, endColumn: column + 20 },
    compliance: [],
    fingerprint: `${ruleId}${line}${column}`,
  };
}

it('drops a generic secret finding only where a provider rule reported the same range', () => {
  const generic = new Set(['SEC-0900']);
  const kept = dropShadowedGenericSecrets([finding('SEC-0001', 3, 5), finding('SEC-0900', 3, 5), finding('SEC-0900', 9, 1)], generic);
  assert.deepEqual(
    kept.map((item) => [item.ruleId, item.location.startLine]),
    [
      ['SEC-0001', 3],
      ['SEC-0900', 9],
    ],
  );
});
