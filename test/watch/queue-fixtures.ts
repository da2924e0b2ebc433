// Shared by the queue tests (a worker killed mid-job) and the outage test (Redis and PostgreSQL
// restarted under a watcher and a worker): stored images, advisories, a collecting sink and
// `palisade worker` child processes.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Alert } from '../../src/watch/rematch.ts';
import type { AlertSink } from '../../src/watch/sinks.ts';

const ENTRY = join(import.meta.dirname, 'worker-entry.ts');

export const digestOf = (index: number): string => `sha256:${index.toString(16).padStart(64, '0')}`;

/** A stored image's SBOM: its own package `pkg-<index>` 1.0.0 and `shared-lib` 2.0.0. */
export function sbom(index: number): string {
  const components = [`pkg-${index}`, 'shared-lib'].map((name) => ({ type: 'library', 'bom-ref': name, name, version: name === 'shared-lib' ? '2.0.0' : '1.0.0', purl: `pkg:npm/${name}@${name === 'shared-lib' ? '2.0.0' : '1.0.0'}` }));
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components });
}

export function advisory(id: string, names: readonly string[], fixed: string): string {
  return JSON.stringify({ schema_version: '1.6.0', id, modified: '2026-11-20T00:00:00Z', summary: `${names.join(', ')} vulnerable`, affected: names.map((name) => ({ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] })) });
}

export function collector(): AlertSink & { readonly received: Alert[] } {
  const received: Alert[] = [];
  return { id: 'collector', name: 'collector', received, send: (alerts) => Promise.resolve(void received.push(...alerts)) };
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly worked: string[];
  stderr: string;
}

/** Starts `palisade worker` (test/watch/worker-entry.ts); `holdMs`: how long it holds each finished job. */
export function startWorker(args: readonly string[], onWorked: (line: string) => void, holdMs = 1500): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [ENTRY, ...args], { env: { ...process.env, PALISADE_TEST_HOLD_MS: String(holdMs) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const worker: WorkerProcess = { child, worked: [], stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    for (const line of text.split('\n').filter((part) => part !== '')) {
      worker.worked.push(line);
      onWorked(line);
    }
  });
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      worker.stderr += text;
      if (worker.stderr.includes('taking jobs from')) resolve(worker);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${worker.stderr}`)));
  });
}

/** SIGTERM: the worker finishes the job in hand and exits 0 (a killed one has exited already). */
export async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}
