// Keeps the examples of docs/exceptions.md valid.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadBaseline } from './baseline.ts';
import { loadExceptions } from './exceptions.ts';
import { parseInlineSuppressions } from './inline.ts';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'exceptions.md'), 'utf8');

function codeBlocks(language: string): string[] {
  return [...DOC.matchAll(new RegExp(`^\`\`\`${language}\\n(.*?)^\`\`\`$`, 'gms'))].map((match) => match[1] ?? '');
}

describe('docs/exceptions.md', () => {
  it('has an exceptions file example that loads', () => {
    const [example] = codeBlocks('yaml');
    const result = loadExceptions('.palisade/exceptions.yaml', example ?? '');
    assert.equal(result.ok ? result.value.entries.length : result.error.message, 2);
  });

  it('has inline comment examples that are valid suppressions', () => {
    const examples = [...codeBlocks('dockerfile'), ...codeBlocks('yaml').slice(1)];
    const found = examples.flatMap((example) => parseInlineSuppressions(example));
    assert.equal(found.length, 3);
    assert.deepEqual(found.filter((suppression) => suppression.invalid !== undefined), []);
  });

  it('has a baseline example that loads', () => {
    const [baseline] = codeBlocks('json');
    const result = loadBaseline('.palisade/baseline.json', baseline ?? '');
    assert.equal(result.ok ? result.value.fingerprints.size : result.error.message, 1);
  });
});
