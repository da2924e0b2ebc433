import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../core/errors.ts';
import { encryptPrivateKey, exportPublicKey } from '../signing/keys/index.ts';
import type { CliIo } from './io.ts';
import { signBlobCommand } from './sign-blob.ts';
import { verifyBlobCommand } from './verify-blob.ts';

function fakeIo(env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, env, out: () => out, err: () => err };
}

const noTerminal = async (): Promise<undefined> => undefined;

async function setup(): Promise<{ dir: string; file: string; key: string; pub: string; pair: { privateKey: string; publicKey: string } }> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-blob-'));
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  await writeFile(join(dir, 'artifact.txt'), 'hello release\n');
  await writeFile(join(dir, 'key.pem'), pair.privateKey);
  await writeFile(join(dir, 'key.pub'), pair.publicKey);
  return { dir, file: join(dir, 'artifact.txt'), key: join(dir, 'key.pem'), pub: join(dir, 'key.pub'), pair };
}

describe('palisade sign-blob', () => {
  it('prints a cosign-format signature that node:crypto verifies directly (ECDSA, SHA-256, DER, base64)', async () => {
    const { file, key, pair } = await setup();
    const io = fakeIo();
    assert.equal(await signBlobCommand([file, '--key', key], io, noTerminal), 0);
    const signature = Buffer.from(io.out().trim(), 'base64');
    assert.equal(verify('sha256', Buffer.from('hello release\n'), pair.publicKey, signature), true);
  });

  it('writes --output-signature and --bundle files that verify-blob accepts', async () => {
    const { dir, file, key, pub } = await setup();
    const sig = join(dir, 'artifact.sig');
    const bundle = join(dir, 'artifact.bundle.json');
    assert.equal(await signBlobCommand([file, '--key', key, '--output-signature', sig], fakeIo(), noTerminal), 0);
    assert.equal(await signBlobCommand([file, '--key', key, '--bundle', bundle], fakeIo(), noTerminal), 0);
    assert.equal((JSON.parse(await readFile(bundle, 'utf8')) as { mediaType: string }).mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    for (const args of [['--signature', sig], ['--bundle', bundle]]) {
      const io = fakeIo();
      assert.equal(await verifyBlobCommand([file, '--key', pub, ...args], io), 0);
      assert.equal(io.out(), 'Verified OK\n');
    }
  });

  it('reads an encrypted key with PALISADE_PASSWORD, and names the file on a wrong password', async () => {
    const { dir, file, pair } = await setup();
    const { createPrivateKey } = await import('node:crypto');
    const encrypted = join(dir, 'cosign.key');
    await writeFile(encrypted, encryptPrivateKey(createPrivateKey(pair.privateKey), 'pw'));
    assert.equal(await signBlobCommand([file, '--key', encrypted], fakeIo({ PALISADE_PASSWORD: 'pw' }), noTerminal), 0);
    await assert.rejects(signBlobCommand([file, '--key', encrypted], fakeIo({ PALISADE_PASSWORD: 'nope' }), noTerminal), (error: unknown) => isPalisadeError(error) && error.code === 'KEY_INVALID' && error.message === `${encrypted}: encrypted private key: wrong password, or the encrypted key is corrupted (decryption failed)`);
    await assert.rejects(signBlobCommand([file, '--key', encrypted], fakeIo(), noTerminal), (error: unknown) => isPalisadeError(error) && error.code === 'USAGE' && /PALISADE_PASSWORD/.test(error.message));
  });

  it('refuses bad usage and missing files with coded errors', async () => {
    const { dir, file, key } = await setup();
    const cases = [
      [[file], 'USAGE', 'palisade sign-blob takes one FILE and --key KEY'],
      [[file, '--key', key, '--bundle', 'a', '--output-signature', 'b'], 'USAGE', 'Give --bundle or --output-signature, not both'],
      [[join(dir, 'missing'), '--key', key], 'FILE_UNREADABLE', `${join(dir, 'missing')}: ENOENT: no such file or directory, open '${join(dir, 'missing')}'`],
      [[file, '--key', join(dir, 'nokey')], 'FILE_UNREADABLE', `${join(dir, 'nokey')}: ENOENT: no such file or directory, open '${join(dir, 'nokey')}'`],
      [[file, '--key', file], 'KEY_INVALID', `${file}: No PEM block found in the private key file (expected "-----BEGIN … KEY-----")`],
    ] as const;
    for (const [args, code, message] of cases) {
      await assert.rejects(signBlobCommand(args, fakeIo(), noTerminal), (error: unknown) => isPalisadeError(error) && error.code === code && error.message === message);
    }
  });
});

describe('palisade verify-blob', () => {
  it('fails (exit 1, with the reason) for a changed file and for another key', async () => {
    const { dir, file, key, pub } = await setup();
    const sig = join(dir, 'a.sig');
    const bundle = join(dir, 'a.bundle');
    await signBlobCommand([file, '--key', key, '--output-signature', sig], fakeIo(), noTerminal);
    await signBlobCommand([file, '--key', key, '--bundle', bundle], fakeIo(), noTerminal);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await writeFile(join(dir, 'other.pub'), exportPublicKey(other.publicKey));
    await writeFile(file, 'hello release!\n');
    const changed = fakeIo();
    assert.equal(await verifyBlobCommand([file, '--key', pub, '--signature', sig], changed), 1);
    assert.equal(changed.err(), `Verification failed: the signature in ${sig} does not verify ${file} with the key (another key signed it, or the file changed)\n`);
    const changedBundle = fakeIo();
    assert.equal(await verifyBlobCommand([file, '--key', pub, '--bundle', bundle], changedBundle), 1);
    assert.match(changedBundle.err(), /^Verification failed: SIGNATURE_ERROR: /);
    await writeFile(file, 'hello release\n');
    assert.equal(await verifyBlobCommand([file, '--key', join(dir, 'other.pub'), '--signature', sig], fakeIo()), 1);
    assert.equal(await verifyBlobCommand([file, '--key', join(dir, 'other.pub'), '--bundle', bundle], fakeIo()), 1);
  });

  it('verifies Ed25519 and RSA signatures made with node:crypto, and cosign\'s older bundle format', async () => {
    const { dir, file } = await setup();
    for (const pair of [generateKeyPairSync('ed25519'), generateKeyPairSync('rsa', { modulusLength: 2048 })]) {
      const algorithm = pair.publicKey.asymmetricKeyType === 'rsa' ? 'sha256' : null;
      await writeFile(join(dir, 'k.pub'), exportPublicKey(pair.publicKey));
      await writeFile(join(dir, 'k.sig'), sign(algorithm, Buffer.from('hello release\n'), pair.privateKey).toString('base64'));
      assert.equal(await verifyBlobCommand([file, '--key', join(dir, 'k.pub'), '--signature', join(dir, 'k.sig')], fakeIo()), 0);
    }
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    await writeFile(join(dir, 'p384.pub'), exportPublicKey(ec.publicKey));
    await writeFile(join(dir, 'legacy.json'), JSON.stringify({ base64Signature: sign('sha384', Buffer.from('hello release\n'), ec.privateKey).toString('base64'), cert: '', rekorBundle: null }));
    assert.equal(await verifyBlobCommand([file, '--key', join(dir, 'p384.pub'), '--bundle', join(dir, 'legacy.json')], fakeIo()), 0);
  });

  it('streams a 100 MB file: verifies it, and fails it once a byte changes', async () => {
    const { dir, key, pub } = await setup();
    const big = join(dir, 'big.bin');
    const bytes = Buffer.alloc(100 * 1024 * 1024, 0x5a);
    await writeFile(big, bytes);
    const sig = join(dir, 'big.sig');
    assert.equal(await signBlobCommand([big, '--key', key, '--output-signature', sig], fakeIo(), noTerminal), 0);
    assert.equal(await verifyBlobCommand([big, '--key', pub, '--signature', sig], fakeIo()), 0);
    bytes[50 * 1024 * 1024] = 0x5b;
    await writeFile(big, bytes);
    assert.equal(await verifyBlobCommand([big, '--key', pub, '--signature', sig], fakeIo()), 1);
  });

  it('refuses malformed signatures, bundles, keys and trusted roots with coded errors (never a pass)', async () => {
    const { dir, file, key, pub } = await setup();
    const bundle = join(dir, 'ok.bundle');
    await signBlobCommand([file, '--key', key, '--bundle', bundle], fakeIo(), noTerminal);
    const good = await readFile(bundle, 'utf8');
    const files: Record<string, string | Buffer> = {
      'text.sig': 'this is not base64!\n',
      'empty.sig': '',
      'big.sig': Buffer.alloc(100 * 1024, 0x41),
      'truncated.bundle': good.slice(0, good.length - 30),
      'other.bundle': '{"mediaType":"application/json"}',
      'k1.pub': exportPublicKey(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey),
      'root.json': '{"tlogs":',
    };
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const cases = [
      [['--key', pub, '--signature', join(dir, 'text.sig')], 'SIGNATURE_INVALID', `${join(dir, 'text.sig')}: the signature is not base64`],
      [['--key', pub, '--signature', join(dir, 'empty.sig')], 'SIGNATURE_INVALID', `${join(dir, 'empty.sig')}: the signature file is empty`],
      [['--key', pub, '--signature', join(dir, 'big.sig')], 'SIGNATURE_INVALID', `${join(dir, 'big.sig')}: 102400 bytes is too large (at most 65536)`],
      [['--key', pub, '--bundle', join(dir, 'truncated.bundle')], 'SIGNATURE_INVALID', /^.*truncated\.bundle: the bundle is not valid JSON \(/],
      [['--key', pub, '--bundle', join(dir, 'other.bundle')], 'SIGNATURE_INVALID', /^.*other\.bundle: not a Sigstore bundle: /],
      [['--key', join(dir, 'k1.pub'), '--signature', join(dir, 'text.sig')], 'KEY_INVALID', `${join(dir, 'k1.pub')}: Unsupported elliptic curve "secp256k1" for the public key (expected P-256, P-384 or P-521)`],
      [['--key', pub, '--bundle', bundle, '--trusted-root', join(dir, 'root.json')], 'SIGNATURE_INVALID', /^trusted root: the trusted root is not valid JSON/],
      [['--key', pub], 'USAGE', 'Give exactly one of --signature and --bundle'],
      [['--key', pub, '--signature', 'a', '--bundle', 'b'], 'USAGE', 'Give exactly one of --signature and --bundle'],
    ] as const;
    for (const [args, code, message] of cases) {
      await assert.rejects(verifyBlobCommand([file, ...args], fakeIo()), (error: unknown) => {
        assert.ok(isPalisadeError(error), String(error));
        assert.equal(error.code, code);
        if (typeof message === 'string') assert.equal(error.message, message);
        else assert.match(error.message, message);
        return true;
      });
    }
  });
});
