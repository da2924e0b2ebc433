import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ERROR_CODES } from '../src/core/index.ts';
import { ERROR_MESSAGES } from '../src/cli/messages/index.ts';

it('documents every error code in docs/errors.md, in the order of the union, and gives each a CLI message', () => {
  const text = readFileSync(join(import.meta.dirname, '..', 'docs', 'errors.md'), 'utf8');
  const documented = [...text.matchAll(/^### ([A-Z_]+)$/gm)].map((match) => match[1]);
  assert.deepEqual(documented, [...ERROR_CODES]);
  assert.deepEqual(Object.keys(ERROR_MESSAGES), [...ERROR_CODES]);
});
