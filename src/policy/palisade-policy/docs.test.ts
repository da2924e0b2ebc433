import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { compileCel } from '../cel/index.ts';
import { PALISADE_CEL_VARIABLES } from './index.ts';

/** Every `- expression:` of the YAML examples in the policy docs compiles as a Palisade policy expression. */
const DOCS = ['docs/policy-models.md', 'docs/policies.md'];

function examples(path: string): string[] {
  const text = readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks.filter((block) => block.trimStart().startsWith('#') || block.trimStart().startsWith('- expression')).flatMap((block) => {
    const parsed: unknown = parse(block);
    return Array.isArray(parsed) ? parsed.flatMap((item: unknown) => (typeof item === 'object' && item !== null && 'expression' in item && typeof item.expression === 'string' ? [item.expression] : [])) : [];
  });
}

describe('policy docs examples', () => {
  for (const path of DOCS) {
    it(`${path}: every example expression compiles`, () => {
      const expressions = examples(path);
      assert.ok(expressions.length >= 2);
      for (const expression of expressions) {
        const compiled = compileCel(expression, { variables: PALISADE_CEL_VARIABLES });
        assert.equal(compiled.ok, true, `${expression}: ${compiled.ok ? '' : compiled.error.message}`);
      }
    });
  }
});
