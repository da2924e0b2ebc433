import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { buildElf, buildInfoBlob } from './__fixtures__/binaries.ts';
import type { BuildInfoReading } from './go-binary.ts';
import { decodeString, goBinaryExtractor, installedGoAnalyzer, parseModinfo, readGoBuildInfo, stdlibVersion } from './go-binary.ts';

const MODINFO = [
  'path\tgithub.com/acme/shop/cmd/server',
  'mod\tgithub.com/acme/shop\tv1.4.0\th1:abc=',
  'dep\tgithub.com/gorilla/mux\tv1.8.0\th1:i40aqfkR1h2SlN9hojwV5ZA91wcXFOvkdNIeFDP5koI=',
  'dep\tgolang.org/x/net\tv0.17.0\th1:pVaXccu2ozPjCXewfr1S7xoGaOpUHFMb1eBFD+Nw9zM=',
  '=>\tgolang.org/x/net\tv0.23.0\th1:7EYJ93RZ9vYSZAIb2x3lnuvqO5zneoD6IvWjuhfxjTs=',
  'dep\tgithub.com/acme/local\tv0.0.0',
  '=>\t../local\t',
  'build\t-compiler=gc',
  'build\tGOOS=linux',
  '',
].join('\n');

const found = (goVersion: string, modinfo: string): BuildInfoReading => ({ kind: 'found', info: { goVersion, modinfo } });
const padding = (length: number): Buffer => Buffer.alloc(length, 0x41);

interface Case {
  readonly name: string;
  readonly bytes: Buffer;
  readonly expected: BuildInfoReading;
}

const BLOB = buildInfoBlob({ goVersion: 'go1.22.1', modinfo: MODINFO });

const CASES: readonly Case[] = [
  { name: 'the .go.buildinfo section of a Go 1.18+ executable', bytes: buildElf({ data: BLOB }), expected: found('go1.22.1', MODINFO) },
  { name: 'the first writable segment when there are no section headers', bytes: buildElf({ data: BLOB, locate: 'segment' }), expected: found('go1.22.1', MODINFO) },
  { name: 'a magic at an unaligned offset is skipped for the aligned one after it', bytes: buildElf({ data: Buffer.concat([padding(3), Buffer.from('\xff Go buildinf:', 'latin1'), padding(31), BLOB]) }), expected: found('go1.22.1', MODINFO) },
  { name: 'a binary built outside module mode has a version and no modules', bytes: buildElf({ data: buildInfoBlob({ goVersion: 'go1.21.0', modinfo: '' }) }), expected: found('go1.21.0', '') },
  { name: 'an ELF file that is not Go', bytes: buildElf({ data: padding(256) }), expected: { kind: 'none' } },
  { name: 'not an ELF file', bytes: Buffer.concat([Buffer.from('MZ'), padding(200)]), expected: { kind: 'none' } },
  { name: 'a truncated ELF header', bytes: Buffer.from('\x7fELF\x02\x01', 'latin1'), expected: { kind: 'none' } },
  { name: 'section headers pointing past the end', bytes: buildElf({ data: BLOB }).subarray(0, 0x220), expected: { kind: 'none' } },
  { name: 'the pre-1.18 pointer layout', bytes: buildElf({ data: buildInfoBlob({ goVersion: 'go1.17', modinfo: MODINFO, flags: 0 }) }), expected: { kind: 'unsupported', reason: 'built by Go before 1.18 (build info by pointer), which is not read' } },
  { name: 'strings running past the blob', bytes: buildElf({ data: BLOB.subarray(0, 60) }), expected: { kind: 'unsupported', reason: 'the build info strings run past the end of the blob' } },
];

describe('readGoBuildInfo', () => {
  for (const { name, bytes, expected } of CASES) {
    it(name, () => assert.deepEqual(readGoBuildInfo(bytes), expected));
  }

  it('survives hostile headers: huge counts and offsets, random bytes after the magic', () => {
    const elf = buildElf({ data: BLOB });
    elf.writeUInt16LE(0xffff, 0x3c); // section count
    elf.writeBigUInt64LE(0xffffffffffffn, 0x28); // section header offset
    assert.deepEqual(readGoBuildInfo(elf), { kind: 'none' });
    const noise = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), Buffer.alloc(4096, 0xff)]);
    assert.deepEqual(readGoBuildInfo(noise), { kind: 'none' });
  });
});

describe('decodeString', () => {
  it('reads uvarint lengths of one and two bytes, and refuses lengths past the end', () => {
    assert.deepEqual(decodeString(Buffer.from('\x03abcd', 'latin1'), 0), { value: Buffer.from('abc'), next: 4 });
    const long = Buffer.concat([Buffer.from([0x82, 0x01]), Buffer.alloc(130, 0x61)]);
    assert.equal(decodeString(long, 0)?.value.length, 130);
    assert.equal(decodeString(Buffer.from([0x05, 0x61]), 0), undefined);
    assert.equal(decodeString(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0), undefined);
    assert.equal(decodeString(Buffer.alloc(0), 0), undefined);
  });
});

describe('Go modules from build info', () => {
  it('lists the main module and dependencies, replacements applied', () => {
    assert.deepEqual(parseModinfo(MODINFO), [
      { path: 'github.com/acme/shop', version: 'v1.4.0', direct: true },
      { path: 'github.com/gorilla/mux', version: 'v1.8.0', direct: undefined },
      { path: 'golang.org/x/net', version: 'v0.23.0', direct: undefined },
      { path: 'github.com/acme/local', version: '', direct: undefined },
    ]);
  });

  it('turns the toolchain version into the stdlib version', () => {
    assert.deepEqual(['go1.22.1', 'go1.21', 'go1.22.1 X:boringcrypto', 'go1.23rc1', 'devel go1.24-abc', ''].map(stdlibVersion), ['1.22.1', '1.21', '1.22.1', undefined, undefined, undefined]);
  });

  it('the extractor wants ELF files by their magic; the analyzer reads its summary as Go packages', async () => {
    assert.equal(goBinaryExtractor.wants('usr/local/bin/server', buildElf({ data: BLOB }).subarray(0, 4096)), true);
    assert.equal(goBinaryExtractor.wants('usr/local/bin/server.sh', Buffer.from('#!/bin/sh\n')), false);
    const extracted = await goBinaryExtractor.extract(buildElf({ data: BLOB }), 'usr/local/bin/server');
    const summary = extracted.summary ?? '';
    assert.equal(installedGoAnalyzer.matches({ path: 'usr/local/bin/server', size: summary.length }, () => summary), true);
    const [inventory] = installedGoAnalyzer.analyze(createSourceDocument('img@sha256:ab:/usr/local/bin/server', summary)).artifacts;
    assert.deepEqual([inventory?.ecosystem, inventory?.format], ['Go', 'go-buildinfo']);
    assert.deepEqual(inventory?.packages.map((entry) => [entry.name, entry.version, entry.purl, entry.direct, entry.skipReason]), [
      ['github.com/acme/shop', 'v1.4.0', 'pkg:golang/github.com/acme/shop@v1.4.0', true, undefined],
      ['github.com/gorilla/mux', 'v1.8.0', 'pkg:golang/github.com/gorilla/mux@v1.8.0', undefined, undefined],
      ['golang.org/x/net', 'v0.23.0', 'pkg:golang/golang.org/x/net@v0.23.0', undefined, undefined],
      ['github.com/acme/local', '', 'pkg:golang/github.com/acme/local', undefined, 'local-path'],
      ['stdlib', '1.22.1', 'pkg:golang/stdlib@1.22.1', undefined, undefined],
    ]);
  });

  it('a (devel) main module is kept without a version; older binaries are reported, other ELF files ignored', async () => {
    const devel = buildInfoBlob({ goVersion: 'go1.22.1', modinfo: 'path\texample.com/app\nmod\texample.com/app\t(devel)\t\n' });
    const summary = (await goBinaryExtractor.extract(buildElf({ data: devel }), 'app')).summary ?? '';
    const [inventory] = installedGoAnalyzer.analyze(createSourceDocument('app', summary)).artifacts;
    assert.deepEqual(inventory?.packages.map((entry) => [entry.name, entry.version, entry.skipReason]), [['example.com/app', '', 'local-path'], ['stdlib', '1.22.1', undefined]]);
    const old = await goBinaryExtractor.extract(buildElf({ data: buildInfoBlob({ goVersion: 'go1.17', modinfo: '', flags: 0 }) }), 'old');
    assert.deepEqual(old, { summary: undefined, problems: [{ code: 'PARSE_FAILED', message: 'Go executable built by Go before 1.18 (build info by pointer), which is not read; its modules are not listed' }] });
    assert.deepEqual(await goBinaryExtractor.extract(buildElf({ data: padding(64) }), 'ls'), { summary: undefined, problems: [] });
  });
});
