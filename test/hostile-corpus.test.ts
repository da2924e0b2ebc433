// Issue 14's hostile-input corpus, written by the project and generated here, run through
// `palisade scan` end to end in a child process with a bounded heap: no crash (exit 0 or 1, a JSON
// report that validates), no hang (each case has a liveness timeout), nothing written outside the
// work and cache folders, and the problem named in the report where there is one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync, zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { pack } from 'tar-stream';
import type { JsonReport } from './cli-helpers.ts';
import { palisade, parseReport } from './cli-helpers.ts';
import { buildLayer, buildOciLayout, sha256 } from './image/oci-builder.ts';
import { findBinary } from './image/registry.ts';
import type { BuiltLayer } from './image/oci-builder.ts';

/** Generous: a liveness guard against hangs, not a speed assertion. */
const LIVENESS = { timeout: 240_000 };
/** The heap a scan of any of these inputs must fit in. */
const HEAP = '--max-old-space-size=768';

interface Snapshot {
  readonly files: ReadonlyMap<string, string>;
}

/** Every path under `dir` with its size and mtime (symbolic links not followed). */
async function snapshot(dir: string): Promise<Snapshot> {
  const files = new Map<string, string>();
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      const info = await stat(path).catch(() => undefined);
      files.set(relative(dir, path), info === undefined ? 'dangling' : `${info.size} ${info.mtimeMs}`);
      if (entry.isDirectory()) await walk(path);
    }
  };
  await walk(dir);
  return { files };
}

/** Runs `palisade scan <target> -f json` in a sandbox of fresh HOME, TMPDIR and cache; checks nothing leaked out of it. */
async function scanHostile(target: string, watched: string): Promise<{ report: JsonReport; stderr: string }> {
  const sandbox = await mkdtemp(join(tmpdir(), 'palisade-hostile-sandbox-'));
  const home = join(sandbox, 'home');
  const tmp = join(sandbox, 'tmp');
  await mkdir(home);
  await mkdir(tmp);
  const before = await snapshot(watched);
  const run = await palisade(['scan', target, '-f', 'json'], { env: { HOME: home, TMPDIR: tmp, NODE_OPTIONS: HEAP, PALISADE_CACHE_DIR: join(sandbox, 'cache') } });
  assert.ok(run.code === 0 || run.code === 1, `exit ${String(run.code)}: ${run.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(run.stderr, /internal error|FATAL ERROR|heap out of memory/);
  const after = await snapshot(watched);
  assert.deepEqual([...after.files.entries()], [...before.files.entries()], 'the scan wrote or changed something next to its input');
  return { report: parseReport(run.stdout), stderr: run.stderr };
}

function errorsOf(report: JsonReport, path: string): string[] {
  return report.errors.filter((error) => error.path === path).map((error) => error.code);
}

describe('hostile files through palisade scan', LIVENESS, () => {
  it('survives every hostile file in one tree and names each unreadable one', LIVENESS, async () => {
    const root = await mkdtemp(join(tmpdir(), 'palisade-hostile-'));
    const tree = join(root, 'tree');
    await mkdir(join(tree, 'k8s'), { recursive: true });
    // A billion laughs: 10 levels of 10 aliases each.
    const laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let level = 1; level < 10; level += 1) laughs.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]`);
    await writeFile(join(tree, 'k8s', 'laughs.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: laughs}\ndata:\n${laughs.map((line) => `  ${line}`).join('\n')}\n`);
    // Deep nesting, as a manifest and as a lockfile.
    await writeFile(join(tree, 'k8s', 'deep.json'), `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "deep"}, "data": {"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`);
    await writeFile(join(tree, 'package-lock.json'), `{"lockfileVersion": 3, "packages": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`);
    // One 50 MB line, and regex bait: unterminated quotes and keys that never end.
    await writeFile(join(tree, 'bundle.min.js'), 'var a="x";'.repeat(5_000_000));
    await writeFile(join(tree, 'settings.env'), `password = "${'a'.repeat(1_000_000)}\nAKIA${'A'.repeat(1_000_000)}\n-----BEGIN RSA PRIVATE KEY-----\n${'QUFB'.repeat(500_000)}\n`);
    // Invalid UTF-8 and NUL bytes where text is expected.
    await writeFile(join(tree, 'Dockerfile'), Buffer.concat([Buffer.from('FROM alpine:latest\nRUN echo '), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('\n')]));
    await mkdir(join(tree, 'nul'));
    await writeFile(join(tree, 'nul', 'Dockerfile'), Buffer.concat([Buffer.from('FROM alpine:latest\n# '), Buffer.alloc(3), Buffer.from('\n')]));
    await writeFile(join(tree, 'k8s', 'nul.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: '), Buffer.alloc(64), Buffer.from('\n')]));
    // A Dockerfile of 100,000 continuation lines, and 10,000 empty YAML documents.
    await writeFile(join(tree, 'Dockerfile.long'), `FROM alpine:3.19\nRUN true${' \\\n  && true'.repeat(100_000)}\n`);
    await writeFile(join(tree, 'k8s', 'empty-docs.yaml'), '---\n'.repeat(10_000));
    // Version strings built to hurt comparators.
    await writeFile(join(tree, 'requirements.txt'), Array.from({ length: 20_000 }, (_, i) => `pkg${i}==${'9'.repeat(i % 500)}.0rc${'1'.repeat(50)}`).join('\n'));
    // A kustomization that includes itself.
    await mkdir(join(tree, 'overlay'));
    await writeFile(join(tree, 'overlay', 'kustomization.yaml'), 'resources:\n  - .\n  - ../overlay\n');
    // Things a walker must not open or follow: a FIFO, a symlink loop, a link to /.
    spawnSync('mkfifo', [join(tree, 'pipe')]);
    await symlink('loop-b', join(tree, 'loop-a'));
    await symlink('loop-a', join(tree, 'loop-b'));
    await symlink('/', join(tree, 'root'));

    const { report } = await scanHostile(tree, root);
    assert.deepEqual(errorsOf(report, 'k8s/laughs.yaml'), ['PARSE_FAILED']);
    assert.deepEqual(errorsOf(report, 'k8s/deep.json'), ['PARSE_FAILED']);
    // With kubectl, the self-including kustomization is rendered and its cycle reported; without, it is read raw.
    assert.deepEqual(errorsOf(report, 'overlay/kustomization.yaml'), findBinary('kubectl') === undefined ? [] : ['PARSE_FAILED']);
    assert.ok(report.findings.some((finding) => finding.location.path === 'Dockerfile' && finding.ruleId === 'DKR-0002'), 'the Dockerfile around the invalid bytes is still checked');
    assert.deepEqual(report.errors.filter((error) => error.path === 'nul/Dockerfile').map((error) => [error.code, error.startLine, error.message]), [['PARSE_FAILED', 2, 'Binary content (a NUL byte) is not a Dockerfile.']]);
    assert.equal(report.findings.some((finding) => finding.location.path.startsWith('root/')), false, 'the link to / is not followed');
  });
});

/** A gzip layer of a raw tar (entries tar-stream writes as given, hostile names and types included). */
async function rawLayer(entries: readonly { name: string; type?: 'file' | 'symlink' | 'link' | 'character-device' | 'fifo' | 'directory'; linkname?: string; content?: string }[]): Promise<BuiltLayer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => {
    if (Buffer.isBuffer(chunk)) chunks.push(chunk);
  });
  const done = new Promise<void>((resolve) => archive.on('end', resolve));
  for (const entry of entries) {
    archive.entry({ name: entry.name, type: entry.type ?? 'file', ...(entry.linkname === undefined ? {} : { linkname: entry.linkname }), mode: 0o644, mtime: new Date('2024-01-01T00:00:00Z'), ...(entry.type === 'character-device' ? { devmajor: 1, devminor: 3 } : {}) }, entry.content ?? '');
  }
  archive.finalize();
  await done;
  const tar = Buffer.concat(chunks);
  const bytes = gzipSync(tar);
  return { tar, bytes, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(bytes), size: bytes.length, diffId: sha256(tar) };
}

describe('hostile images through palisade scan', LIVENESS, () => {
  it('reads escaping paths, links and device files without leaving the image, and names broken layers', LIVENESS, async () => {
    const root = await mkdtemp(join(tmpdir(), 'palisade-hostile-image-'));
    const layout = join(root, 'layout');
    const escapes = await rawLayer([
      { name: '../../escape.txt', content: 'out of the root\n' },
      { name: '/etc/os-release', content: 'ID=alpine\nVERSION_ID=3.19.1\n' },
      { name: 'etc/shadow', type: 'symlink', linkname: '../../../../etc/shadow' },
      { name: 'etc/passwd', type: 'link', linkname: '../../etc/passwd' },
      { name: 'dev/null', type: 'character-device' },
      { name: 'run/pipe', type: 'fifo' },
      { name: 'lib/apk/db/installed', content: 'P:musl\nV:1.2.4-r2\nA:x86_64\n\n' },
    ]);
    // 64 MiB of zeros in a few kilobytes, then a zstd frame whose header claims another size.
    const bomb = await buildLayer({ 'var/zeros': Buffer.alloc(64 * 1024 * 1024) }, { compression: 'gzip' });
    const honest = await buildLayer({ 'etc/motd': 'hello\n' }, { compression: 'zstd' });
    const lying = Buffer.from(honest.bytes);
    // Frame header: magic (4 bytes), descriptor, then (single segment) the content size: make it wrong.
    lying[5] = (lying[5] ?? 0) ^ 0x7f;
    const liar: BuiltLayer = { ...honest, bytes: lying, digest: sha256(lying), size: lying.length };
    await buildOciLayout(layout, [{ tag: 'hostile', image: { layers: [escapes, bomb, liar] } }]);

    const { report, stderr } = await scanHostile(`oci:${layout}:hostile`, root);
    assert.deepEqual(
      report.errors.map((error) => `${error.path} ${error.code} ${error.message}`),
      [
        `${escapes.digest} IMAGE_INVALID Entry "../../escape.txt" climbs out of the image root; ignored`,
        `${escapes.digest} IMAGE_INVALID Hard link "etc/passwd" points out of the image root ("../../etc/passwd"); ignored`,
        `${liar.digest} IMAGE_INVALID Layer ${liar.digest} could not be read to its end (0 entries read): Data corruption detected`,
      ],
    );
    assert.doesNotMatch(stderr, /escape/);
    assert.equal(report.summary.filesScanned > 0, true);
    const escaped = await stat(join(root, '..', 'escape.txt')).catch(() => undefined);
    assert.equal(escaped, undefined);
  });
});

describe('zstd frame sanity (the image case depends on it)', () => {
  it('a changed content-size byte makes node:zlib refuse the frame', () => {
    const frame = Buffer.from(zstdCompressSync(Buffer.from('hello\n'.repeat(10))));
    frame[5] = (frame[5] ?? 0) ^ 0x7f;
    assert.throws(() => zstdDecompressSync(frame));
  });
});
