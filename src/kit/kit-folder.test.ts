// The kit folder is switched so that a reader, after a kill at any step of an install, finds one
// whole kit. Each case installs kit B over an existing layout in a child process that SIGKILLs
// itself right after the named step (no timing), checks what a reader finds, then lets the next
// install run and checks that it leaves kit B, linked, and nothing else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs, { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { KitFolderStep } from './kit-folder.ts';
import { replaceKitFolder } from './kit-folder.ts';

const WORK = mkdtempSync(join(tmpdir(), 'palisade-kit-folder-'));
after(() => rmSync(WORK, { recursive: true, force: true }));
const MODULE = pathToFileURL(join(import.meta.dirname, 'kit-folder.ts')).href;
const FILES = 5;

/** Writes kit `name`'s policies into `folder` (the `fill` of an install). */
function writeKit(folder: string, name: string): void {
  mkdirSync(join(folder, 'policies'), { recursive: true });
  for (let file = 0; file < FILES; file += 1) writeFileSync(join(folder, 'policies', `p${file}.yaml`), `${name}\n`);
}

/** What a reader of `kitDir` finds: one whole kit's name, `none` or `mixed`. */
function readerView(kitDir: string): string {
  const policies = join(kitDir, 'policies');
  if (!existsSync(policies)) return 'none';
  const kits = new Set(readdirSync(policies).map((name) => readFileSync(join(policies, name), 'utf8').trim()));
  return kits.size === 1 && readdirSync(policies).length === FILES ? [...kits].join('') : 'mixed';
}

type Layout = 'empty' | 'folder' | 'link';

/**
 * Installs kit `name` in a child process (as another `palisade kit import` would) that kills itself
 * right after step `killAfter`; returns the child's signal.
 */
function installInChild(kitDir: string, name: string, killAfter?: KitFolderStep): string | null {
  const script = `const { replaceKitFolder } = await import(${JSON.stringify(MODULE)});
const { mkdirSync, writeFileSync } = await import('node:fs');
await replaceKitFolder(${JSON.stringify(kitDir)}, async (folder) => {
  mkdirSync(folder + '/policies');
  for (let file = 0; file < ${FILES}; file += 1) writeFileSync(folder + '/policies/p' + file + '.yaml', ${JSON.stringify(`${name}\n`)});
}, (step) => { if (step === ${JSON.stringify(killAfter ?? '')}) process.kill(process.pid, 'SIGKILL'); });`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.stderr, '');
  return child.signal;
}

/** A parent folder holding kit A in `layout`: none yet, a real folder (older Palisade) or a link. */
function prepare(layout: Layout): string {
  const parent = mkdtempSync(join(WORK, `${layout}-`));
  const kitDir = join(parent, 'kit');
  if (layout === 'folder') writeKit(kitDir, 'A');
  if (layout === 'link') assert.equal(installInChild(kitDir, 'A'), null);
  return kitDir;
}

/** After a successful install: `kit` links to the only version folder, which holds kit B. */
function assertClean(kitDir: string): void {
  const parent = join(kitDir, '..');
  const names = readdirSync(parent).sort();
  assert.equal(names.length, 2, names.join(', '));
  assert.equal(names[0], 'kit');
  assert.match(names[1] ?? '', /^kit\.version-\d+-\w+$/);
  assert.equal(readlinkSync(kitDir), names[1]);
  assert.equal(readerView(kitDir), 'B');
}

// [layout before the install, step after which it is killed, what a reader then finds]
const KILLS: readonly (readonly [Layout, KitFolderStep, string])[] = [
  ['link', 'filled', 'A'],
  ['link', 'linked', 'A'],
  ['link', 'switched', 'B'],
  ['link', 'cleaned', 'B'],
  ['empty', 'filled', 'none'],
  ['empty', 'linked', 'none'],
  ['empty', 'switched', 'B'],
  ['empty', 'cleaned', 'B'],
  ['folder', 'filled', 'A'],
  ['folder', 'linked', 'A'],
  // The one step with no kit: an older Palisade's real folder is moved aside once, to make way for
  // the link (rename(2) cannot put a link over a folder). The next install moves it back first.
  ['folder', 'moved-aside', 'none'],
  ['folder', 'switched', 'B'],
  ['folder', 'cleaned', 'B'],
];

describe('kit folder replacement', () => {
  for (const [layout, step, expected] of KILLS) {
    it(`${layout}: killed after ${step}, a reader finds ${expected}; the next install cleans up`, async () => {
      const kitDir = prepare(layout);
      assert.equal(installInChild(kitDir, 'B', step), 'SIGKILL');
      assert.equal(readerView(kitDir), expected);
      await replaceKitFolder(kitDir, async (folder) => writeKit(folder, 'B'));
      assertClean(kitDir);
    });
  }

  it('puts back an older Palisade\'s folder left aside by a killed install, before anything else', async () => {
    const kitDir = prepare('folder');
    installInChild(kitDir, 'B', 'moved-aside');
    assert.equal(lstatSync(kitDir, { throwIfNoEntry: false }), undefined);
    const seen: string[] = [];
    await replaceKitFolder(kitDir, async (folder) => {
      seen.push(readerView(kitDir), String(lstatSync(kitDir).isDirectory()));
      writeKit(folder, 'B');
    });
    assert.deepEqual(seen, ['A', 'true']);
    assertClean(kitDir);
  });

  it('keeps a folder where no link can be made (Windows), replaced by two renames', async () => {
    const kitDir = prepare('folder');
    const symlink = mock.method(fs.promises, 'symlink', async () => {
      throw Object.assign(new Error('EPERM: operation not permitted, symlink'), { code: 'EPERM' });
    });
    syncBuiltinESMExports();
    const steps: KitFolderStep[] = [];
    try {
      await replaceKitFolder(kitDir, async (folder) => writeKit(folder, 'B'), (step) => steps.push(step));
    } finally {
      symlink.mock.restore();
      syncBuiltinESMExports();
    }
    assert.deepEqual(steps, ['filled', 'moved-aside', 'switched', 'cleaned']);
    assert.ok(lstatSync(kitDir).isDirectory());
    assert.equal(readerView(kitDir), 'B');
    assert.deepEqual(readdirSync(join(kitDir, '..')), ['kit']);
  });

  it('leaves a link it did not make pointing elsewhere alone, and replaces only the link', async () => {
    const parent = mkdtempSync(join(WORK, 'foreign-'));
    writeKit(join(parent, 'mine'), 'A');
    fs.symlinkSync('mine', join(parent, 'kit'));
    await replaceKitFolder(join(parent, 'kit'), async (folder) => writeKit(folder, 'B'));
    assert.equal(readerView(join(parent, 'mine')), 'A');
    assert.equal(readerView(join(parent, 'kit')), 'B');
  });
});
