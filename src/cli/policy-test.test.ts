import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './io.ts';
import { POLICY_TEST_HELP, policyTestCommand } from './policy-test.ts';

const FIXTURES = relative(process.cwd(), fileURLToPath(new URL('../policy/test-runner/__fixtures__/', import.meta.url))).replaceAll('\\', '/');

function fakeIo(): { io: CliIo; out: () => string } {
  let text = '';
  const write = (chunk: string): boolean => {
    text += chunk;
    return true;
  };
  return { io: { stdout: { write }, stderr: { write }, env: {} }, out: () => text };
}

describe('palisade policy test', () => {
  it('exits 0 when every case passes', async () => {
    const { io, out } = fakeIo();
    assert.equal(await policyTestCommand([`${FIXTURES}/passing`], io), 0);
    assert.match(out(), /\n8 passed, 0 failed\n$/);
  });

  it('exits 1 on a mismatch', async () => {
    const { io, out } = fakeIo();
    assert.equal(await policyTestCommand([`${FIXTURES}/failing/mismatch.test.yaml`], io), 1);
    assert.match(out(), /FAIL mismatch › small\n {2}- expected: deny\n {2}\+ got: {6}admit\n/);
  });

  it('exits 2 on a bad suite', async () => {
    const { io } = fakeIo();
    assert.equal(await policyTestCommand([`${FIXTURES}/broken`], io), 2);
  });

  it('writes JSON on request', async () => {
    const { io, out } = fakeIo();
    assert.equal(await policyTestCommand([`${FIXTURES}/failing`, '--format', 'json'], io), 1);
    const parsed: unknown = JSON.parse(out());
    assert.ok(typeof parsed === 'object' && parsed !== null && 'suites' in parsed && Array.isArray(parsed.suites));
    assert.equal(parsed.suites.length, 1);
  });

  it('prints its help', async () => {
    const { io, out } = fakeIo();
    assert.equal(await policyTestCommand(['--help'], io), 0);
    assert.equal(out(), POLICY_TEST_HELP);
  });

  it('refuses a missing path, no argument and a folder without suites with usage errors', async () => {
    const { io } = fakeIo();
    await assert.rejects(policyTestCommand(['no/such/dir'], io), { code: 'TARGET_NOT_FOUND' });
    await assert.rejects(policyTestCommand([], io), { code: 'USAGE' });
    await assert.rejects(policyTestCommand([`${FIXTURES}/../../palisade-policy/__fixtures__`], io), { code: 'USAGE' });
  });
});
