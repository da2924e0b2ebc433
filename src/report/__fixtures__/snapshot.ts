import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const SNAPSHOTS = new URL('../__snapshots__/', import.meta.url);

/**
 * Compares text with `src/report/__snapshots__/<name>`; `UPDATE_SNAPSHOTS=1` (re)writes the file
 * instead. A missing snapshot fails, so CI never passes on a snapshot nobody reviewed.
 */
export function assertSnapshot(actual: string, name: string): void {
  const file = new URL(name, SNAPSHOTS);
  if (process.env['UPDATE_SNAPSHOTS'] === '1') {
    const temporary = new URL(`${name}.tmp`, SNAPSHOTS);
    writeFileSync(temporary, actual);
    renameSync(temporary, file);
    return;
  }
  if (!existsSync(file)) assert.fail(`Snapshot ${name} is missing: run the test with UPDATE_SNAPSHOTS=1 and review the file.`);
  assert.equal(actual, readFileSync(file, 'utf8'), `Output differs from __snapshots__/${name} (UPDATE_SNAPSHOTS=1 rewrites it).`);
}
