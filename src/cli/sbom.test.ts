import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { palisade } from '../../test/cli-helpers.ts';
import type { CliIo } from './io.ts';
import { SBOM_HELP, sbomCommand } from './sbom.ts';

const FIXTURES = join(import.meta.dirname, '..', 'sbom', '__fixtures__');

function fakeIo(): { io: CliIo; out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env: {} };
  return { io, out: () => stdout, err: () => stderr };
}

function parsed(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value));
  return Object.fromEntries(Object.entries(value));
}

describe('palisade sbom', () => {
  it('writes CycloneDX JSON to stdout by default', async () => {
    const { io, out, err } = fakeIo();
    assert.equal(await sbomCommand([join(FIXTURES, 'npm-app')], io), 0);
    const document = parsed(out());
    assert.equal(document['bomFormat'], 'CycloneDX');
    assert.equal(document['specVersion'], '1.6');
    assert.equal(Array.isArray(document['components']) ? document['components'].length : -1, 9);
    assert.equal(err(), '');
  });

  it('writes SPDX JSON and CycloneDX XML on request', async () => {
    const spdx = fakeIo();
    assert.equal(await sbomCommand([join(FIXTURES, 'poetry-app'), '--format', 'spdx-json'], spdx.io), 0);
    assert.equal(parsed(spdx.out())['spdxVersion'], 'SPDX-2.3');
    const xml = fakeIo();
    assert.equal(await sbomCommand([join(FIXTURES, 'go-app'), '-f', 'cyclonedx-xml'], xml.io), 0);
    assert.match(xml.out(), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<bom xmlns="http:\/\/cyclonedx\.org\/schema\/bom\/1\.6"/);
  });

  it('writes to --output atomically, leaving no temporary file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'palisade-sbom-cli-'));
    try {
      const { io, out } = fakeIo();
      const output = join(directory, 'out', 'bom.cdx.json');
      assert.equal(await sbomCommand([join(FIXTURES, 'rootfs'), '--output', output], io), 0);
      assert.equal(out(), '');
      assert.equal(parsed(await readFile(output, 'utf8'))['bomFormat'], 'CycloneDX');
      assert.deepEqual(await readdir(join(directory, 'out')), ['bom.cdx.json']);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('leaves out what .palisade.yaml ignorePaths leaves out, and rejects an invalid configuration', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'palisade-sbom-cli-'));
    try {
      const lockfile = await readFile(join(FIXTURES, 'npm-app', 'package-lock.json'), 'utf8');
      await mkdir(join(directory, 'test', 'fixtures'), { recursive: true });
      await writeFile(join(directory, 'package-lock.json'), lockfile);
      await writeFile(join(directory, 'test', 'fixtures', 'poetry.lock'), await readFile(join(FIXTURES, 'poetry-app', 'poetry.lock'), 'utf8'));
      const components = async (args: readonly string[]): Promise<number> => {
        const { io, out } = fakeIo();
        assert.equal(await sbomCommand([directory, ...args], io), 0);
        const document = parsed(out());
        return Array.isArray(document['components']) ? document['components'].length : -1;
      };
      const both = await components([]);
      await writeFile(join(directory, '.palisade.yaml'), 'ignorePaths: [test/]\n');
      assert.equal(await components([]), 9);
      assert.ok(both > 9, `both lockfiles' components (${both}) before the configuration`);
      await writeFile(join(directory, 'other.yaml'), 'ignorePaths: []\n');
      assert.equal(await components(['--config', join(directory, 'other.yaml')]), both);
      await writeFile(join(directory, '.palisade.yaml'), 'ignorePaths: test/\n');
      await assert.rejects(sbomCommand([directory], fakeIo().io), { code: 'CONFIG_INVALID', message: '.palisade.yaml:1:14: "ignorePaths" must be a list (found a string)' });
      await assert.rejects(sbomCommand([directory, '--config', join(directory, 'missing.yaml')], fakeIo().io), { code: 'CONFIG_UNREADABLE' });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('lists unreadable lockfiles on stderr (not with --quiet) and still writes the SBOM', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'palisade-sbom-cli-'));
    try {
      await writeFile(join(directory, 'package-lock.json'), '{ "lockfileVersion": 3,\n  "packages": [ }');
      const loud = fakeIo();
      assert.equal(await sbomCommand([directory], loud.io), 0);
      assert.match(loud.err(), /^palisade: package-lock\.json:1:1: Invalid JSON: Unexpected token/);
      assert.equal(parsed(loud.out())['bomFormat'], 'CycloneDX');
      const quiet = fakeIo();
      assert.equal(await sbomCommand([directory, '--quiet'], quiet.io), 0);
      assert.equal(quiet.err(), '');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('prints help with --help (exit 0) and without a target (exit 2)', async () => {
    const help = fakeIo();
    assert.equal(await sbomCommand(['--help'], help.io), 0);
    assert.equal(help.out(), SBOM_HELP);
    const missing = fakeIo();
    assert.equal(await sbomCommand([], missing.io), 2);
    assert.equal(missing.err(), SBOM_HELP);
  });

  it('refuses usage errors with USAGE (exit 2 in main)', async () => {
    const { io } = fakeIo();
    await assert.rejects(sbomCommand(['.', '--format', 'sarif'], io), { code: 'USAGE', message: '--format must be one of cyclonedx-json, cyclonedx-xml, spdx-json (got "sarif")' });
    await assert.rejects(sbomCommand(['.', '--bogus'], io), { code: 'USAGE' });
    await assert.rejects(sbomCommand(['a', 'b'], io), { code: 'USAGE', message: 'palisade sbom takes one target (got "a", "b")' });
    await assert.rejects(sbomCommand([join(FIXTURES, 'missing')], io), { code: 'TARGET_NOT_FOUND' });
  });

  it('runs through bin/palisade.js: exit 0 with the SBOM on stdout, 2 on a usage error', async () => {
    const written = await palisade(['sbom', join(FIXTURES, 'poetry-app'), '--format', 'spdx-json']);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(parsed(written.stdout)['name'], 'poetry-app');
    const usage = await palisade(['sbom', join(FIXTURES, 'poetry-app'), '--format', 'yaml']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--format must be one of cyclonedx-json, cyclonedx-xml, spdx-json \(got "yaml"\)/);
    const missing = await palisade(['sbom', join(FIXTURES, 'no-such-folder')]);
    assert.equal(missing.code, 2);
  });
});
