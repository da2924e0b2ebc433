import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { narrativeDrift } from './narratives.ts';
import { providerEntries } from './providers/index.ts';

describe('data-driven narratives', () => {
  it('are in step with the provider tables (run `node src/secrets/write-narratives.ts`)', () => {
    assert.deepEqual([...narrativeDrift(providerEntries).keys()], []);
  });
});
