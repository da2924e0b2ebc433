// Verification benchmark: time per image of `palisade verify` (signature + one attestation) against a
// local Debian docker-registry (TLS, htpasswd), with a cold and a warm verification cache.
// Run: node bench/verify.ts [--images 20] [--rounds 3]. Never part of `npm test`; needs docker-registry
// and openssl. Wall time is noisy on a shared machine: CPU time (user+sys of this process; the registry
// runs in its own) is the number to compare. No peer: cosign is not installed here.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { CliIo } from '../src/cli/io.ts';
import { attestCommand } from '../src/cli/attest.ts';
import { signCommand } from '../src/cli/sign.ts';
import { verifyCommand } from '../src/cli/verify.ts';
import { exportPublicKey, generateKeyPair } from '../src/signing/keys/index.ts';
import { findBinary, startRegistry } from '../test/image/registry.ts';
import { pushTestImage } from '../test/signing/raw-registry.ts';

const { values } = parseArgs({ options: { images: { type: 'string', default: '20' }, rounds: { type: 'string', default: '3' } } });
const IMAGES = Number(values.images);
const ROUNDS = Number(values.rounds);

function quietIo(env: Record<string, string>): CliIo {
  return { stdout: { write: () => true }, stderr: { write: () => true }, env };
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function measure(body: () => Promise<void>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await body();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  if (findBinary('docker-registry') === undefined || findBinary('openssl') === undefined) {
    process.stdout.write('skipped: needs the Debian packages docker-registry and openssl\n');
    return;
  }
  const registry = await startRegistry({ auth: 'htpasswd' });
  const dir = await mkdtemp(join(tmpdir(), 'palisade-bench-verify-'));
  try {
    const keys = generateKeyPair();
    await writeFile(join(dir, 'k.key'), keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    await writeFile(join(dir, 'k.pub'), exportPublicKey(keys.publicKey));
    await writeFile(join(dir, 'scan.json'), JSON.stringify({ timestamp: new Date().toISOString(), verdict: 'pass' }));
    const env = { DOCKER_CONFIG: dirname(await registry.writeDockerConfig()), PALISADE_CACHE_DIR: join(dir, 'cache'), HOME: dir };
    const ca = ['--ca-file', registry.caFile ?? ''];
    const images: string[] = [];
    const pinned: string[] = [];
    for (let index = 0; index < IMAGES; index += 1) {
      const digest = await pushTestImage(registry, `bench/app${index}`, 'v1', `bench ${index}`);
      pinned.push(`${registry.host}/bench/app${index}@${digest}`);
      const image = `${registry.host}/bench/app${index}:v1`;
      await signCommand([image, '--key', join(dir, 'k.key'), ...ca], quietIo(env));
      await attestCommand([image, '--key', join(dir, 'k.key'), '--predicate', join(dir, 'scan.json'), '--type', 'palisade-scan', ...ca], quietIo(env));
      images.push(image);
    }
    const verifyArgs = ['--key', join(dir, 'k.pub'), '--attestation', 'palisade-scan', '--max-age', '7d', '-f', 'json', ...ca];
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    const warmDigest: Sample[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      await rm(join(dir, 'cache'), { recursive: true, force: true });
      for (const image of images) {
        cold.push(await measure(async () => {
          if ((await verifyCommand([image, ...verifyArgs], quietIo(env))) !== 0) throw new Error(`${image} did not verify`);
        }));
      }
      for (const image of images) {
        warm.push(await measure(async () => {
          if ((await verifyCommand([image, ...verifyArgs], quietIo(env))) !== 0) throw new Error(`${image} did not verify`);
        }));
      }
      for (const image of pinned) {
        warmDigest.push(await measure(async () => {
          if ((await verifyCommand([image, ...verifyArgs], quietIo(env))) !== 0) throw new Error(`${image} did not verify`);
        }));
      }
    }
    const rows = [
      ['cache', 'images', 'wall ms/image (median)', 'CPU ms/image (median)'],
      ['cold', String(cold.length), median(cold.map((sample) => sample.wallMs)).toFixed(1), median(cold.map((sample) => sample.cpuMs)).toFixed(1)],
      ['warm (tag)', String(warm.length), median(warm.map((sample) => sample.wallMs)).toFixed(1), median(warm.map((sample) => sample.cpuMs)).toFixed(1)],
      ['warm (digest)', String(warmDigest.length), median(warmDigest.map((sample) => sample.wallMs)).toFixed(1), median(warmDigest.map((sample) => sample.cpuMs)).toFixed(1)],
    ];
    const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
    for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}\n`);
    process.stdout.write(`\nverify = resolve the tag, then (cold) read .sig and .att with referrers and check one signature and one attestation; warm answers from verifications.sqlite after resolving the tag (one manifest request), or with no request at all for a digest reference.\n`);
  } finally {
    await registry.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
