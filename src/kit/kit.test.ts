import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { extract, pack } from 'tar-stream';
import { PalisadeError } from '../core/index.ts';
import { importAdvisories, readDatabaseMeta } from '../vuln/index.ts';
import type { KitSigner, KitVerifier } from './index.ts';
import { createKit, installKit, isSafeKitPath, parseManifest, readKit, serializeManifest } from './index.ts';

const WORK = mkdtempSync(join(tmpdir(), 'palisade-kit-test-'));
after(() => rmSync(WORK, { recursive: true, force: true }));
const ADVISORIES = join(import.meta.dirname, '..', '..', 'examples', 'insecure-app', 'advisories');
const NOW = new Date('2026-11-27T12:00:00Z');

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer: KitSigner = { fingerprint: 'sha256:test', sign: (data) => sign('sha256', data, keys.privateKey) };
const verifier: KitVerifier = (data, signature) => verify('sha256', data, keys.publicKey, signature);
const wrongVerifier: KitVerifier = (data, signature) => verify('sha256', data, other.publicKey, signature);

const database = join(WORK, 'source', 'advisories.db');
const policies = join(WORK, 'source', 'org-policies');
const kitPath = join(WORK, 'kit.tar.zst');

before(async () => {
  await importAdvisories(database, [ADVISORIES]);
  mkdirSync(join(policies, 'nested'), { recursive: true });
  writeFileSync(join(policies, 'require-labels.yaml'), 'kind: ValidatingAdmissionPolicy\n');
  writeFileSync(join(policies, 'nested', 'params.yaml'), 'kind: ConfigMap\n');
  writeFileSync(join(WORK, 'source', 'cosign.pub'), keys.publicKey.export({ format: 'pem', type: 'spki' }));
  await createKit({ output: kitPath, sources: { databasePath: database, policies: [policies], trustRoots: [join(WORK, 'source', 'cosign.pub')] }, signer, createdBy: 'palisade test', now: NOW });
});

/** The entries of a kit, decompressed. */
async function entriesOf(path: string): Promise<[string, Buffer][]> {
  const archive = extract();
  const entries: [string, Buffer][] = [];
  archive.end(zstdDecompressSync(readFileSync(path)));
  for await (const entry of archive) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) if (Buffer.isBuffer(chunk)) chunks.push(chunk);
    entries.push([entry.header.name, Buffer.concat(chunks)]);
  }
  return entries;
}

/** Writes a kit holding exactly these entries (for tampered and malformed kits). */
async function writeKit(name: string, entries: readonly (readonly [string, Buffer])[], type: 'file' | 'symlink' = 'file'): Promise<string> {
  const archive = pack();
  for (const [entryName, content] of entries) archive.entry({ name: entryName, size: content.length, type: entryName.startsWith('link') ? 'symlink' : type, ...(entryName.startsWith('link') ? { linkname: '/etc/passwd', size: 0 } : {}) }, entryName.startsWith('link') ? Buffer.alloc(0) : content);
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) if (Buffer.isBuffer(chunk)) chunks.push(chunk);
  const path = join(WORK, name);
  writeFileSync(path, zstdCompressSync(Buffer.concat(chunks)));
  return path;
}

async function rejectsWith(path: string, code: string, message: RegExp, check: KitVerifier = verifier): Promise<void> {
  const staging = join(WORK, 'staging-parent');
  await assert.rejects(readKit(path, check, staging), (error: unknown) => {
    assert.ok(error instanceof PalisadeError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
  assert.deepEqual(existsSync(staging) ? readdirSync(staging) : [], [], 'a staging folder was left behind');
}

describe('offline kit', () => {
  it('holds the signed manifest first, then every file with its digest', async () => {
    const entries = await entriesOf(kitPath);
    assert.deepEqual(entries.map(([name]) => name), ['manifest.json', 'manifest.sig', 'advisories.db', 'policies/org-policies/nested/params.yaml', 'policies/org-policies/require-labels.yaml', 'trust/cosign.pub']);
    const manifest = parseManifest(entries[0]?.[1] ?? Buffer.alloc(0), kitPath);
    assert.equal(manifest.createdBy, 'palisade test');
    assert.equal(manifest.created, '2026-11-27T12:00:00.000Z');
    // The digest, computed independently: printf 'kind: ValidatingAdmissionPolicy\n' | sha256sum
    assert.deepEqual(manifest.files.find((file) => file.path === 'policies/org-policies/require-labels.yaml'), { path: 'policies/org-policies/require-labels.yaml', size: 32, sha256: 'b94f151ce03d0d81af3ff9f48ecfdb0f89c75be87bbd2915b1bcf9d166fe837b' });
  });

  it('round-trips: verified, installed where scans read, the same files', async () => {
    const kit = await readKit(kitPath, verifier, join(WORK, 'install'));
    const target = { databasePath: join(WORK, 'install', 'advisories.db'), kitDir: join(WORK, 'install', 'kit') };
    await installKit(kit, target);
    rmSync(kit.staging, { recursive: true, force: true });
    assert.equal(readDatabaseMeta(target.databasePath).recordCount, 5);
    assert.equal(readDatabaseMeta(target.databasePath).builtAt, readDatabaseMeta(database).builtAt);
    assert.equal(readFileSync(join(target.kitDir, 'policies', 'org-policies', 'nested', 'params.yaml'), 'utf8'), 'kind: ConfigMap\n');
    assert.deepEqual(readdirSync(target.kitDir).sort(), ['policies', 'trust']);
    const [installedDb, link, version, ...rest] = readdirSync(join(WORK, 'install')).sort();
    assert.deepEqual([installedDb, link, rest], ['advisories.db', 'kit', []]);
    assert.match(version ?? '', /^kit\.version-\d+-\w+$/);
    assert.equal(readlinkSync(target.kitDir), version);
  });

  it('rejects a kit signed by another key', () => rejectsWith(kitPath, 'SIGNATURE_INVALID', /the manifest signature does not verify; the kit was changed after it was signed, or not signed by this key\. Nothing was installed\.$/, wrongVerifier));

  it('rejects a kit whose file was changed', async () => {
    const entries = await entriesOf(kitPath);
    const changed = entries.map(([name, content]): [string, Buffer] => [name, name === 'trust/cosign.pub' ? Buffer.from(content.toString('utf8').replace('A', 'B')) : content]);
    await rejectsWith(await writeKit('changed.tar.zst', changed), 'SIGNATURE_INVALID', /trust\/cosign\.pub does not match its SHA-256 in the manifest/);
  });

  it('rejects a kit whose manifest was changed to match a changed file', async () => {
    const entries = await entriesOf(kitPath);
    const manifest = parseManifest(entries[0]?.[1] ?? Buffer.alloc(0), kitPath);
    const forged = serializeManifest({ ...manifest, files: manifest.files.map((file) => ({ ...file, sha256: '0'.repeat(64) })) });
    await rejectsWith(await writeKit('forged.tar.zst', [['manifest.json', forged], ...entries.slice(1)]), 'SIGNATURE_INVALID', /the manifest signature does not verify/);
  });

  it('rejects extra, missing, duplicated and non-file entries', async () => {
    const entries = await entriesOf(kitPath);
    await rejectsWith(await writeKit('extra.tar.zst', [...entries, ['policies/evil.yaml', Buffer.from('x')]]), 'SIGNATURE_INVALID', /"policies\/evil\.yaml" is not a file the manifest lists/);
    await rejectsWith(await writeKit('missing.tar.zst', entries.slice(0, -1)), 'SIGNATURE_INVALID', /files listed in the manifest are missing: trust\/cosign\.pub/);
    await rejectsWith(await writeKit('twice.tar.zst', [...entries, entries.at(-1) ?? ['x', Buffer.alloc(0)]]), 'SIGNATURE_INVALID', /appears twice/);
    await rejectsWith(await writeKit('link.tar.zst', [...entries.slice(0, 2), ['link', Buffer.alloc(0)]]), 'SIGNATURE_INVALID', /"link" is not a file the manifest lists/);
  });

  it('rejects malformed kits, naming the file', async () => {
    const entries = await entriesOf(kitPath);
    writeFileSync(join(WORK, 'garbage.tar.zst'), 'this is not zstd');
    await rejectsWith(join(WORK, 'garbage.tar.zst'), 'PARSE_FAILED', /garbage\.tar\.zst: not a readable kit, a zstd-compressed tar/);
    writeFileSync(join(WORK, 'empty.tar.zst'), zstdCompressSync(Buffer.alloc(0)));
    await rejectsWith(join(WORK, 'empty.tar.zst'), 'PARSE_FAILED', /empty\.tar\.zst: the kit holds no signed manifest/);
    await rejectsWith(await writeKit('order.tar.zst', [entries[1] ?? ['x', Buffer.alloc(0)], entries[0] ?? ['x', Buffer.alloc(0)]]), 'PARSE_FAILED', /the first entry is "manifest\.sig", not manifest\.json/);
    await rejectsWith(await writeKit('huge.tar.zst', [['manifest.json', Buffer.alloc(5 * 1024 * 1024, 32)]]), 'PARSE_FAILED', /manifest\.json is larger than 4194304 bytes/);
  });

  it('refuses a signed manifest that names paths outside the kit folder', async () => {
    const manifest = { kind: 'palisade-offline-kit', schemaVersion: 1, createdBy: 'x', created: 'x', signer: 'x', files: [{ path: 'policies/../../.bashrc', size: 1, sha256: 'a'.repeat(64) }] };
    const bytes = Buffer.from(JSON.stringify(manifest));
    await rejectsWith(await writeKit('escape.tar.zst', [['manifest.json', bytes], ['manifest.sig', Buffer.from(signer.sign(bytes))]]), 'PARSE_FAILED', /manifest files\[0\]\.path "policies\/\.\.\/\.\.\/\.bashrc" is not a path a kit may hold/);
  });

  it('needs an advisory database to bundle', async () => {
    await assert.rejects(createKit({ output: join(WORK, 'none.tar.zst'), sources: { databasePath: join(WORK, 'absent.db') }, signer, createdBy: 'x', now: NOW }), { code: 'DB_UNAVAILABLE', message: /No advisory database at .*absent\.db to put in the kit\. Run `palisade db update` first/ });
    assert.equal(existsSync(join(WORK, 'none.tar.zst')), false);
  });
});

describe('isSafeKitPath', () => {
  const cases: readonly [string, boolean][] = [
    ['advisories.db', true], ['policies/a/b.yaml', true], ['schemas/crds/x-v1.json', true], ['trust/cosign.pub', true],
    ['advisories.db/x', false], ['policies', false], ['other/x', false], ['/etc/passwd', false], ['policies/../x', false],
    ['policies/./x', false], ['policies//x', false], ['policies/a\\b', false], ['policies/a b', false], [`policies/${'a/'.repeat(20)}x`, false],
  ];
  for (const [path, expected] of cases) it(JSON.stringify(path), () => assert.equal(isSafeKitPath(path), expected));
});
