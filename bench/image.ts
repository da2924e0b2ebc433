// Image scan benchmark: wall time and peak RSS of scanImage on generated OCI layouts of two sizes,
// to show memory does not grow with image size. Run: node bench/image.ts [--sizes 250,500] [--keep].
// Never part of `npm test`. Layouts are generated under bench/.work/image-<MB> (reused when present):
// five gzip layers of incompressible binaries and text (some with fake secrets), a dpkg database, an
// npm lockfile, and a top layer that deletes files of a lower one. Each scan runs in a child process.
import { spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench', '.work');
const MB = 1024 * 1024;
const LAYERS = 5;
const BINARY_FILE = 512 * 1024;
const TEXT_FILE = 64 * 1024;
const PLATFORM = { os: 'linux', architecture: 'amd64' } as const;

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '250,500' }, child: { type: 'string' }, cache: { type: 'string' }, keep: { type: 'boolean', default: false } } });

interface Blob {
  readonly digest: string;
  readonly size: number;
  readonly diffId: string;
}

const WORDS = ['listen', 'server', 'timeout', 'upstream', 'worker', 'cache', 'retry', 'region', 'bucket', 'queue', 'replica', 'metrics', 'logging', 'backoff', 'endpoint', 'feature'];

function textFile(seed: number, secret: boolean): Buffer {
  const lines: string[] = [];
  let length = 0;
  for (let line = 0; length < TEXT_FILE; line += 1) {
    const text = `${WORDS[(seed + line) % WORDS.length]}_${line} = ${WORDS[(seed * 7 + line * 3) % WORDS.length]} ${(seed * 31 + line * 17) % 100_003}\n`;
    lines.push(text);
    length += text.length;
  }
  if (secret) lines.splice(10, 0, 'AWS_ACCESS_KEY_ID=AKIAZ7Q3N5KX2WJ4TB6P\n');
  return Buffer.from(lines.join(''));
}

const DPKG = Array.from({ length: 400 }, (_value, index) => `Package: pkg${index}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.${index}-1\n`).join('\n');
const LOCK = JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' }, ...Object.fromEntries(Array.from({ length: 300 }, (_value, index) => [`node_modules/dep${index}`, { version: `1.0.${index}` }])) } });

/** Streams one gzip layer to blobs/sha256 while hashing both the tar (diff_id) and the blob (digest). */
async function writeLayer(dir: string, entries: Iterable<{ name: string; content: Buffer }>): Promise<Blob> {
  const archive = pack();
  const tarHash = createHash('sha256');
  const blobHash = createHash('sha256');
  let blobSize = 0;
  let produced = 0;
  let consumed = 0;
  const countTar = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      tarHash.update(chunk);
      consumed += chunk.length;
      callback(null, chunk);
    },
  });
  const countBlob = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      blobHash.update(chunk);
      blobSize += chunk.length;
      callback(null, chunk);
    },
  });
  const temporary = join(dir, 'blobs', 'sha256', `.layer-${process.pid}.tmp`);
  const written = pipeline(archive, countTar, createGzip({ level: 1 }), countBlob, createWriteStream(temporary));
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => archive.entry({ name: entry.name, size: entry.content.length, mode: 0o644, mtime: new Date('2025-01-01T00:00:00Z') }, entry.content, (error) => (error ? reject(error) : resolve())));
    produced += entry.content.length + 512;
    while (produced - consumed > 32 * MB) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  archive.finalize();
  await written;
  const digest = `sha256:${blobHash.digest('hex')}`;
  renameSync(temporary, join(dir, 'blobs', 'sha256', digest.slice(7)));
  return { digest, size: blobSize, diffId: `sha256:${tarHash.digest('hex')}` };
}

function* layerEntries(layer: number, bytes: number): Generator<{ name: string; content: Buffer }> {
  if (layer === 0) {
    yield { name: 'etc/os-release', content: Buffer.from('ID=debian\nVERSION_ID="12"\n') };
    yield { name: 'var/lib/dpkg/status', content: Buffer.from(DPKG) };
    yield { name: 'app/package-lock.json', content: Buffer.from(LOCK) };
  }
  if (layer === LAYERS - 1) {
    for (let index = 0; index < 50; index += 1) yield { name: `data/l1/.wh.text-${index}.conf`, content: Buffer.alloc(0) };
  }
  let written = 0;
  for (let index = 0; written < bytes; index += 1) {
    const text = index % 3 === 2;
    const content = text ? textFile(layer * 100_000 + index, index % 97 === 2) : randomFillSync(Buffer.allocUnsafe(BINARY_FILE));
    written += content.length;
    yield { name: text ? `data/l${layer}/text-${index}.conf` : `data/l${layer}/blob-${index}.bin`, content };
  }
}

async function generate(sizeMb: number): Promise<string> {
  const dir = join(WORK, `image-${sizeMb}`);
  if (existsSync(join(dir, 'index.json'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const layers: Blob[] = [];
  for (let layer = 0; layer < LAYERS; layer += 1) layers.push(await writeLayer(dir, layerEntries(layer, (sizeMb * MB) / LAYERS)));
  const blob = (text: string): { digest: string; size: number } => {
    const bytes = Buffer.from(text);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
    return { digest, size: bytes.length };
  };
  const config = blob(
    JSON.stringify({
      created: '2025-01-01T00:00:00Z',
      ...PLATFORM,
      config: { Env: ['PATH=/usr/bin'], Cmd: ['/app/server'] },
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
      history: layers.map((_layer, index) => ({ created_by: `RUN /bin/sh -c generate layer ${index + 1} # buildkit` })),
    }),
  );
  const manifest = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: layers.map((layer) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer.digest, size: layer.size })),
    }),
  );
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, platform: PLATFORM, annotations: { 'org.opencontainers.image.ref.name': 'bench' } }] }),
  );
  return dir;
}

/** The child: one scan, then its numbers as JSON on stdout. */
async function child(dir: string, cachePath: string | undefined): Promise<void> {
  const { openImage } = await import('../src/image/source/index.ts');
  const { scanImage } = await import('../src/image/scan/index.ts');
  const { imageRules } = await import('../src/image/rules/index.ts');
  const { openLayerCache } = await import('../src/image/cache/index.ts');
  const { secretRules } = await import('../src/secrets/index.ts');
  const { runRules } = await import('../src/scan/run-rules.ts');
  const started = performance.now();
  const source = await openImage(`oci:${dir}:bench`, { platform: PLATFORM });
  const cache = cachePath === undefined ? undefined : openLayerCache(cachePath);
  try {
    const result = await scanImage(source, { rules: [...secretRules, ...imageRules], runRules, ...(cache === undefined ? {} : { cache }) });
    const ms = performance.now() - started;
    const packages = result.inventories.reduce((total, inventory) => total + inventory.packages.length, 0);
    const deleted = result.findings.filter((finding) => finding.message.includes('deleted by a later layer')).length;
    process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, findings: result.findings.length, deleted, packages, errors: result.errors.length, cached: result.layers.filter((layer) => layer.cached).length }));
  } finally {
    cache?.close();
    await source.close();
  }
}

interface ChildResult {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly findings: number;
  readonly deleted: number;
  readonly packages: number;
  readonly errors: number;
  readonly cached: number;
}

function runChild(dir: string, cachePath?: string): ChildResult {
  const args = [join(ROOT, 'bench', 'image.ts'), '--child', dir, ...(cachePath === undefined ? [] : ['--cache', cachePath])];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * MB });
  if (run.status !== 0) throw new Error(`scan of ${dir} failed: ${run.stderr}`);
  const parsed: unknown = JSON.parse(run.stdout);
  const number = (key: string): number => {
    const value: unknown = typeof parsed === 'object' && parsed !== null ? Object.getOwnPropertyDescriptor(parsed, key)?.value : undefined;
    if (typeof value !== 'number') throw new Error(`unexpected child output: ${run.stdout}`);
    return value;
  };
  return { ms: number('ms'), maxRssMb: number('maxRssMb'), findings: number('findings'), deleted: number('deleted'), packages: number('packages'), errors: number('errors'), cached: number('cached') };
}

async function main(): Promise<void> {
  const childDir = values.child;
  if (childDir !== undefined) {
    await child(childDir, values.cache);
    return;
  }
  const rows: string[][] = [];
  for (const size of values.sizes.split(',').map(Number)) {
    const generating = performance.now();
    const dir = await generate(size);
    process.stderr.write(`image-${size}: ready in ${((performance.now() - generating) / 1000).toFixed(1)} s\n`);
    const cachePath = join(WORK, `image-${size}.cache.sqlite`);
    rmSync(cachePath, { force: true });
    const cold = runChild(dir);
    const fill = runChild(dir, cachePath);
    const warm = runChild(dir, cachePath);
    for (const [label, result] of [['no cache', cold], ['cache (cold)', fill], ['cache (warm)', warm]] as const) {
      rows.push([`${size} MB`, label, `${(result.ms / 1000).toFixed(2)} s`, `${(size / (result.ms / 1000)).toFixed(0)} MB/s`, `${result.maxRssMb.toFixed(0)} MB`, String(result.findings), String(result.deleted), String(result.packages), String(result.cached)]);
    }
    if (values.keep !== true) rmSync(dir, { recursive: true, force: true });
    rmSync(cachePath, { force: true });
  }
  const header = ['image', 'run', 'wall', 'throughput', 'peak RSS', 'findings', 'in deleted files', 'packages', 'layers from cache'];
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  process.stdout.write(`${[line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')}\n`);
}

await main();
