// The kit folder (`kit/` beside the advisory database) is a symbolic link to a complete version
// folder beside it, `kit.version-<pid>-<random>`. An install fills a new version folder, makes a
// link to it and renames the link over `kit`: rename(2) replaces the old link in one step, so a
// reader (or a kill at any point) finds the old kit or the new one, whole, never no kit and never
// a mix. Kubernetes' AtomicWriter swaps ConfigMap volumes the same way (its `..data` link).
// Where links cannot be made (Windows, file systems without them) the folder is a real folder
// replaced by two renames, as before: a kill between them leaves the old kit aside under
// `kit.previous-<pid>` until the next install puts it back.
import { chmod, lstat, mkdtemp, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The points of an install after which the kit folder's state is checked (tests kill there). */
export type KitFolderStep = 'filled' | 'linked' | 'moved-aside' | 'switched' | 'cleaned';

/** Called after each step of replacing the kit folder (tests stop the install there). */
export type KitFolderProbe = (step: KitFolderStep) => void;

/** True while process `pid` runs (EPERM: it runs as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** Whether `name` is `<prefix><pid>…` left by an install whose process is gone (never this one's). */
function isDeadLeftover(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  const pid = Number(/^(\d+)/.exec(name.slice(prefix.length))?.[1] ?? Number.NaN);
  return Number.isInteger(pid) && pid !== process.pid && !isAlive(pid);
}

/**
 * Removes what killed installs left in `dir`: entries named `<prefix><pid>…` whose process is gone
 * (a live install's are kept, and so is `keep`). Returns the names removed.
 */
export async function sweepLeftovers(dir: string, prefix: string, keep?: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  const removed: string[] = [];
  for (const name of names) {
    if (name === keep || !isDeadLeftover(name, prefix)) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** The name of the version folder `kitDir` links to; undefined when it is no link (or missing). */
async function linkedVersion(kitDir: string): Promise<string | undefined> {
  const target = await readlink(kitDir).catch(() => undefined);
  return target === undefined ? undefined : basename(target);
}

/**
 * Before an install: a kit folder missing because an older install was killed between its two
 * renames comes back from its `.previous-<pid>` copy; then what killed installs left is removed
 * (version folders other than the linked one, links, `.next-` and `.previous-` folders).
 */
async function recoverKitFolder(kitDir: string): Promise<void> {
  const parent = dirname(kitDir);
  const base = basename(kitDir);
  const present = await lstat(kitDir).then(() => true, () => false);
  const previousPrefix = `${base}.previous-`;
  if (!present) {
    const previous = (await readdir(parent).catch(() => [])).filter((name) => isDeadLeftover(name, previousPrefix));
    const [latest] = previous.sort();
    if (latest !== undefined) await rename(join(parent, latest), kitDir);
  }
  for (const kind of ['previous', 'next', 'link']) await sweepLeftovers(parent, `${base}.${kind}-`);
  await sweepLeftovers(parent, `${base}.version-`, await linkedVersion(kitDir));
}

/** Points `kitDir` at `version` by renaming a new link over it; false where no link can be made. */
async function switchLink(kitDir: string, version: string, probe: KitFolderProbe): Promise<boolean> {
  if (process.platform === 'win32') return false;
  const link = `${kitDir}.link-${process.pid}`;
  await rm(link, { force: true });
  const made = await symlink(basename(version), link, 'dir').then(() => true, () => false);
  if (!made) return false;
  probe('linked');
  const old = await linkedVersion(kitDir);
  // A real folder (made by an older Palisade) cannot be replaced by a link in one step: it is
  // moved aside first, once; the next install puts it back if this one is killed meanwhile.
  const folder = await lstat(kitDir).then((stats) => !stats.isSymbolicLink(), () => false);
  const previous = `${kitDir}.previous-${process.pid}`;
  if (folder) {
    await rename(kitDir, previous);
    probe('moved-aside');
  }
  await rename(link, kitDir);
  probe('switched');
  if (folder) await rm(previous, { recursive: true, force: true });
  if (old !== undefined && old !== basename(version) && old.startsWith(`${basename(kitDir)}.version-`)) await rm(join(dirname(kitDir), old), { recursive: true, force: true });
  probe('cleaned');
  return true;
}

/** Without links: the version folder becomes the kit folder by two renames (not atomic). */
async function switchFolder(kitDir: string, version: string, probe: KitFolderProbe): Promise<void> {
  const previous = `${kitDir}.previous-${process.pid}`;
  await rename(kitDir, previous).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
  });
  probe('moved-aside');
  await rename(version, kitDir);
  probe('switched');
  await rm(previous, { recursive: true, force: true });
  probe('cleaned');
}

/**
 * Replaces the kit folder with a new version that `fill` writes (into an empty folder on the same
 * file system), as described at the top of this file.
 */
export async function replaceKitFolder(kitDir: string, fill: (folder: string) => Promise<void>, probe: KitFolderProbe = () => undefined): Promise<void> {
  await recoverKitFolder(kitDir);
  const version = await mkdtemp(`${kitDir}.version-${process.pid}-`);
  await chmod(version, 0o755);
  await fill(version);
  probe('filled');
  if (await switchLink(kitDir, version, probe)) return;
  await switchFolder(kitDir, version, probe);
}
