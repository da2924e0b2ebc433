import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { isPalisadeError } from '../../core/index.ts';
import { readAll } from '../../../test/image/streams.ts';
import { createVerifier, sha256Digest } from './digest.ts';
import { formatPlatform, hostPlatform, parsePlatform, platformMatches } from './platform.ts';

describe('platforms', () => {
  const HOSTS: readonly [string, unknown][] = [
    ['x64', { os: 'linux', architecture: 'amd64' }],
    ['arm64', { os: 'linux', architecture: 'arm64' }],
    ['arm', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['ia32', { os: 'linux', architecture: '386' }],
    ['ppc64', { os: 'linux', architecture: 'ppc64le' }],
    ['s390x', { os: 'linux', architecture: 's390x' }],
    ['riscv64', { os: 'linux', architecture: 'riscv64' }],
  ];
  for (const [arch, expected] of HOSTS) {
    it(`maps process.arch ${arch}`, () => assert.deepEqual(hostPlatform(arch), expected));
  }

  it('parses and formats os/arch[/variant]', () => {
    assert.deepEqual(parsePlatform('linux/arm64/v8'), { os: 'linux', architecture: 'arm64', variant: 'v8' });
    assert.deepEqual(parsePlatform('linux/amd64'), { os: 'linux', architecture: 'amd64' });
    for (const bad of ['linux', '', '/amd64', 'linux/', 'a/b/c/d']) assert.equal(parsePlatform(bad), undefined, bad);
    assert.equal(formatPlatform({ os: 'linux', architecture: 'arm', variant: 'v6' }), 'linux/arm/v6');
  });

  const MATCHES: readonly [string, string, boolean][] = [
    ['linux/amd64', 'linux/amd64', true],
    ['linux/amd64', 'windows/amd64', false],
    ['linux/arm64', 'linux/arm64/v8', true],
    ['linux/arm64/v8', 'linux/arm64', true],
    ['linux/arm', 'linux/arm/v6', true],
    ['linux/arm/v7', 'linux/arm/v6', false],
    ['linux/arm/v7', 'linux/arm', false],
  ];
  for (const [wanted, candidate, expected] of MATCHES) {
    it(`${wanted} ${expected ? 'accepts' : 'refuses'} ${candidate}`, () => {
      const w = parsePlatform(wanted);
      const c = parsePlatform(candidate);
      assert.ok(w !== undefined && c !== undefined);
      assert.equal(platformMatches(w, c), expected);
    });
  }
});

describe('createVerifier', () => {
  const data = Buffer.from('hello world');
  it('passes matching bytes through', async () => {
    assert.deepEqual(await readAll(Readable.from([data.subarray(0, 5), data.subarray(5)]).pipe(createVerifier(sha256Digest(data), data.length, 'blob x'))), data);
  });
  const FAILURES: readonly [string, number, string][] = [
    ['too short', data.length + 1, `blob x has 11 bytes, expected 12 (${sha256Digest(data)}).`],
    ['too long', data.length - 1, `blob x is larger than the 10 bytes its descriptor states (${sha256Digest(data)}).`],
  ];
  for (const [name, size, message] of FAILURES) {
    it(`fails when ${name}`, async () => {
      const stream = Readable.from([data]).pipe(createVerifier(sha256Digest(data), size, 'blob x'));
      await assert.rejects(readAll(stream), (error: unknown) => isPalisadeError(error) && error.code === 'IMAGE_INVALID' && error.message === message);
    });
  }
  it('fails on a wrong digest, naming both', async () => {
    const wanted = `sha256:${'0'.repeat(64)}`;
    const stream = Readable.from([data]).pipe(createVerifier(wanted, data.length, 'blob x'));
    await assert.rejects(readAll(stream), (error: unknown) => isPalisadeError(error) && error.message === `blob x has digest ${sha256Digest(data)}, expected ${wanted}.`);
  });
});
