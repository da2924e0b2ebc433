import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, scryptSync } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { secretbox } from '@noble/ciphers/salsa.js';
import { isPalisadeError } from '../core/errors.ts';
import type { CliIo } from './io.ts';
import { keygenCommand } from './keygen.ts';

function fakeIo(env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, env, out: () => out, err: () => err };
}

const noTerminal = async (): Promise<undefined> => undefined;

/** cosign's format decrypted with the spec's algorithm written out here (scrypt + nacl secretbox), not Palisade's module. */
function decryptLikeCosign(pem: string, password: string): Buffer {
  const body = pem.replace(/-----(BEGIN|END) ENCRYPTED SIGSTORE PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  const document = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as { kdf: { params: { N: number; r: number; p: number }; salt: string }; cipher: { nonce: string }; ciphertext: string };
  const key = scryptSync(password, Buffer.from(document.kdf.salt, 'base64'), 32, { ...document.kdf.params, maxmem: 256 * 1024 * 1024 });
  return Buffer.from(secretbox(key, Buffer.from(document.cipher.nonce, 'base64')).open(Buffer.from(document.ciphertext, 'base64')));
}

describe('palisade keygen', () => {
  it('writes an encrypted key (0600) that decrypts with the spec algorithm, and the matching public key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-keygen-'));
    const prefix = join(dir, 'release');
    const io = fakeIo({ PALISADE_PASSWORD: 's3cret' });
    assert.equal(await keygenCommand(['--output-key-prefix', prefix], io, noTerminal), 0);
    const keyPem = await readFile(`${prefix}.key`, 'utf8');
    const publicPem = await readFile(`${prefix}.pub`, 'utf8');
    assert.equal((await stat(`${prefix}.key`)).mode & 0o777, 0o600);
    assert.match(keyPem, /^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n/);
    assert.match(publicPem, /^-----BEGIN PUBLIC KEY-----\n/);
    const privateKey = createPrivateKey({ key: decryptLikeCosign(keyPem, 's3cret'), format: 'der', type: 'pkcs8' });
    assert.equal(createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }), publicPem);
    assert.match(io.out(), new RegExp(`^Private key written to ${prefix}\\.key\\nPublic key written to ${prefix}\\.pub\\nKey id: sha256:[0-9a-f]{64}\\n$`));
    assert.throws(() => decryptLikeCosign(keyPem, 'wrong'));
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-keygen-'));
    const prefix = join(dir, 'k');
    await writeFile(`${prefix}.pub`, 'keep me');
    await assert.rejects(keygenCommand(['--output-key-prefix', prefix], fakeIo({ PALISADE_PASSWORD: 'x' }), noTerminal), (error: unknown) => isPalisadeError(error) && error.code === 'USAGE' && error.message === `${prefix}.pub already exists; use --force to overwrite it, or --output-key-prefix to write elsewhere`);
    assert.equal(await readFile(`${prefix}.pub`, 'utf8'), 'keep me');
    await assert.rejects(stat(`${prefix}.key`));
    assert.equal(await keygenCommand(['--output-key-prefix', prefix, '--force'], fakeIo({ PALISADE_PASSWORD: 'x' }), noTerminal), 0);
    assert.match(await readFile(`${prefix}.pub`, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
  });

  it('asks twice on a terminal, refuses a mismatch, and needs a password without one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-keygen-'));
    const answers = ['one', 'two'];
    const prompt = async (): Promise<string | undefined> => answers.shift();
    await assert.rejects(keygenCommand(['--output-key-prefix', join(dir, 'a')], fakeIo(), prompt), (error: unknown) => isPalisadeError(error) && error.message === 'The passwords do not match');
    await assert.rejects(keygenCommand(['--output-key-prefix', join(dir, 'b')], fakeIo(), noTerminal), (error: unknown) => isPalisadeError(error) && error.code === 'USAGE' && error.message === 'A password is needed: set PALISADE_PASSWORD, or run in a terminal to be asked');
    const same = ['pw', 'pw'];
    assert.equal(await keygenCommand(['--output-key-prefix', join(dir, 'c')], fakeIo(), async () => same.shift()), 0);
  });

  it('warns about an empty password, prints help, refuses arguments', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-keygen-'));
    const io = fakeIo({ PALISADE_PASSWORD: '' });
    assert.equal(await keygenCommand(['--output-key-prefix', join(dir, 'e')], io, noTerminal), 0);
    assert.equal(io.err(), 'Warning: the private key is encrypted with an empty password.\n');
    const help = fakeIo();
    assert.equal(await keygenCommand(['--help'], help, noTerminal), 0);
    assert.match(help.out(), /^Usage: palisade keygen \[options\]/);
    await assert.rejects(keygenCommand(['extra'], fakeIo(), noTerminal), (error: unknown) => isPalisadeError(error) && error.code === 'USAGE');
  });
});
