import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomUuid } from './uuid.ts';

describe('randomUuid', () => {
  it('gives version 4, variant 1 UUIDs in lowercase, different each time', async () => {
    const uuids = await Promise.all(Array.from({ length: 200 }, () => randomUuid()));
    for (const uuid of uuids) assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(new Set(uuids).size, uuids.length);
  });
});
