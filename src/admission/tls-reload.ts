import type { FSWatcher } from 'node:fs';
import { readFileSync, watch } from 'node:fs';
import { dirname } from 'node:path';
import { createSecureContext } from 'node:tls';
import { PalisadeError } from '../core/index.ts';

export interface TlsFiles {
  readonly certPath: string;
  readonly keyPath: string;
}

export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** Reads the certificate chain and key and checks that they make a TLS context (they match, they parse). */
export function readTlsMaterial(files: TlsFiles): TlsMaterial {
  let material: TlsMaterial;
  try {
    material = { cert: readFileSync(files.certPath), key: readFileSync(files.keyPath) };
  } catch (error) {
    throw new PalisadeError('USAGE', `Cannot read the TLS certificate or key (${files.certPath}, ${files.keyPath}): ${messageOf(error)}`, { cause: error });
  }
  try {
    createSecureContext(material);
  } catch (error) {
    throw new PalisadeError('USAGE', `The TLS certificate ${files.certPath} and key ${files.keyPath} do not make a usable pair: ${messageOf(error)}`, { cause: error });
  }
  return material;
}

/**
 * Watches the folders of the certificate and key (a mounted Secret changes by swapping a symlink in
 * its folder, which a watch on the file itself misses) and calls `apply` with the new pair, a moment
 * after the last change. A pair that does not load is reported and the current one stays in use.
 */
export function watchTlsFiles(files: TlsFiles, apply: (material: TlsMaterial) => void, report: (result: 'ok' | 'failed', message?: string) => void, debounceMs = 200): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const reload = (): void => {
    timer = undefined;
    try {
      apply(readTlsMaterial(files));
      report('ok');
    } catch (error) {
      report('failed', messageOf(error));
    }
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  for (const folder of new Set([dirname(files.certPath), dirname(files.keyPath)])) {
    try {
      const watcher = watch(folder, { persistent: false }, schedule);
      watcher.on('error', () => undefined);
      watchers.push(watcher);
    } catch (error) {
      report('failed', `cannot watch ${folder}: ${messageOf(error)}`);
    }
  }
  return {
    close(): void {
      if (timer !== undefined) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
