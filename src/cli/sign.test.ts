/** Usage of `palisade sign`, `attest` and `verify` (no registry: every case fails before the network). */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isPalisadeError, type ErrorCode } from '../core/index.ts';
import { generateKeyPair, exportPublicKey } from '../signing/keys/index.ts';
import { ATTEST_HELP, attestCommand } from './attest.ts';
import type { CliIo } from './io.ts';
import { SIGN_HELP, signCommand } from './sign.ts';
import { VERIFY_HELP, verifyCommand } from './verify.ts';

function io(): CliIo & { out: () => string } {
  let out = '';
  return { stdout: { write: (text: string) => (out += text) }, stderr: { write: () => true }, env: { HOME: '/nonexistent' }, out: () => out };
}

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

describe('sign, attest and verify usage', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-sign-cli-'));
    const keys = generateKeyPair();
    await writeFile(join(dir, 'k.pub'), exportPublicKey(keys.publicKey));
    await writeFile(join(dir, 'k.key'), keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    await writeFile(join(dir, 'bad.json'), '{"predicate": ');
    await writeFile(join(dir, 'not-a-key'), 'hello');
  });
  after(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  const helps: readonly [string, Command, string][] = [
    ['sign', signCommand, SIGN_HELP],
    ['attest', attestCommand, ATTEST_HELP],
    ['verify', verifyCommand, VERIFY_HELP],
  ];
  for (const [name, command, help] of helps) {
    it(`${name} --help prints its help`, async () => {
      const captured = io();
      assert.equal(await command(['--help'], captured), 0);
      assert.equal(captured.out(), help);
    });
  }

  const failures: readonly { name: string; command: Command; args: (dir: string) => string[]; code: ErrorCode; message: string | RegExp }[] = [
    { name: 'sign without an image', command: signCommand, args: () => ['--key', 'k'], code: 'USAGE', message: 'palisade sign takes one image reference (got 0)' },
    { name: 'sign without --key', command: signCommand, args: () => ['r.example/a:v1'], code: 'USAGE', message: 'palisade sign needs --key' },
    { name: 'sign an OCI folder', command: signCommand, args: () => ['oci:./dir', '--key', 'k'], code: 'USAGE', message: 'oci:./dir: only images in a registry can be signed and verified (registry/repository[:tag|@digest])' },
    { name: 'sign with a bad annotation', command: signCommand, args: (d) => ['r.example/a:v1', '--key', join(d, 'k.key'), '-a', 'novalue'], code: 'USAGE', message: '--annotation takes KEY=VALUE (got "novalue")' },
    { name: 'sign with a missing key file', command: signCommand, args: (d) => ['r.example/a:v1', '--key', join(d, 'absent.key')], code: 'KEY_INVALID', message: /^Cannot read the private key .*absent\.key: ENOENT/ },
    { name: 'sign with a file that is not a key', command: signCommand, args: (d) => ['r.example/a:v1', '--key', join(d, 'not-a-key')], code: 'KEY_INVALID', message: /not-a-key: / },
    { name: 'attest with an unknown type', command: attestCommand, args: (d) => ['r.example/a:v1', '--key', join(d, 'k.key'), '--predicate', join(d, 'bad.json'), '--type', 'sbom'], code: 'USAGE', message: /^Unknown attestation type "sbom"; use one of / },
    { name: 'attest a predicate that is not JSON', command: attestCommand, args: (d) => ['r.example/a:v1', '--key', join(d, 'k.key'), '--predicate', join(d, 'bad.json'), '--type', 'cyclonedx'], code: 'USAGE', message: /^The predicate .*bad\.json is not JSON: / },
    { name: 'attest a missing predicate', command: attestCommand, args: (d) => ['r.example/a:v1', '--key', join(d, 'k.key'), '--predicate', join(d, 'none.json'), '--type', 'cyclonedx'], code: 'USAGE', message: /^Cannot read the predicate .*none\.json: / },
    { name: 'verify without images', command: verifyCommand, args: () => ['--key', 'k'], code: 'USAGE', message: 'palisade verify takes at least one image reference' },
    { name: 'verify without a key or policy', command: verifyCommand, args: () => ['r.example/a:v1'], code: 'USAGE', message: 'palisade verify needs --key (a public key) or --policy' },
    { name: 'verify with a policy and a key', command: verifyCommand, args: (d) => ['r.example/a:v1', '--policy', 'p.yaml', '--key', join(d, 'k.pub')], code: 'USAGE', message: '--policy replaces --key, --attestation, --max-age and --condition; give one or the other' },
    { name: 'verify --max-age without --attestation', command: verifyCommand, args: (d) => ['r.example/a:v1', '--key', join(d, 'k.pub'), '--max-age', '7d'], code: 'USAGE', message: '--max-age and --condition apply to attestations: add --attestation TYPE' },
    { name: 'verify with a bad --max-age', command: verifyCommand, args: (d) => ['r.example/a:v1', '--key', join(d, 'k.pub'), '--attestation', 'vuln', '--max-age', 'soon'], code: 'USAGE', message: /^--max-age must be a duration/ },
    { name: 'verify with a private key as --key', command: verifyCommand, args: (d) => ['r.example/a:v1', '--key', join(d, 'k.key')], code: 'KEY_INVALID', message: /k\.key: Unsupported public key PEM type "PRIVATE KEY"/ },
    { name: 'verify with an unknown format', command: verifyCommand, args: (d) => ['r.example/a:v1', '--key', join(d, 'k.pub'), '-f', 'xml'], code: 'USAGE', message: '--format must be one of table, json, sarif, junit, markdown, gitlab-sast (got "xml")' },
  ];
  for (const row of failures) {
    it(`refuses to ${row.name}`, async () => {
      await assert.rejects(row.command(row.args(dir), io()), (error: unknown) => {
        assert.ok(isPalisadeError(error), String(error));
        assert.equal(error.code, row.code, error.message);
        if (typeof row.message === 'string') assert.equal(error.message, row.message);
        else assert.match(error.message, row.message);
        return true;
      });
    });
  }
});
