// Real Redis and PostgreSQL servers for the scale-out tests (issue 11): each test file starts its own
// on 127.0.0.1, on a free port, in a temporary folder, and stops it at the end; never a system service.
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary, freePort } from '../image/registry.ts';

const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

export interface ServerFixture {
  readonly url: string;
  /** Stops the server for good and removes its folder. */
  stop(): Promise<void>;
  /** Stops the server (an outage), keeping its port and data for `resume`. */
  pause(): Promise<void>;
  /** Starts the server again on the same port and data folder. */
  resume(): Promise<void>;
}

export interface RedisFixture extends ServerFixture {
  /** Starts Redis again on the same port without its data (a Redis without persistence, restarted). */
  resumeEmpty(): Promise<void>;
}

export interface RedisOptions {
  /** Keep the data across a restart (append-only file, fsync on every write), as a production Redis for a queue should. */
  readonly persistent?: boolean;
}

/** Why the Redis tests cannot run here, or false. */
export function redisMissing(): string | false {
  return findBinary('redis-server') === undefined ? 'needs the Debian package redis-server' : false;
}

/** Why the PostgreSQL tests cannot run here, or false. */
export function postgresMissing(): string | false {
  if (!existsSync(join(POSTGRES_BIN, 'postgres')) || !existsSync(join(POSTGRES_BIN, 'initdb'))) return 'needs the Debian package postgresql';
  if (process.getuid?.() !== 0) return false;
  // PostgreSQL refuses to run as root: run it as the package's `postgres` user (or nobody).
  if (runAsUser() === undefined) return 'PostgreSQL refuses root and neither the postgres nor the nobody user exists';
  if (!nullIsDevice() && (findBinary('unshare') === undefined || findBinary('mknod') === undefined)) return '/dev/null is not a device and unshare/mknod are missing';
  return false;
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-redis-'));
  const port = await freePort();
  const persistence = options.persistent === true ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForLine(child, /Ready to accept connections/, 'redis-server');
    return child;
  };
  let child: ChildProcess | undefined = await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child !== undefined) await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
    // SIGKILL: a crash, not a shutdown (with `persistent`, every acknowledged write is on disk).
    pause: async () => {
      if (child !== undefined) await stopChild(child, undefined, 'SIGKILL');
      child = undefined;
    },
    resume: async () => {
      child = await launch();
    },
    resumeEmpty: async () => {
      for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
      child = await launch();
    },
  };
}

export async function startPostgres(): Promise<ServerFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = process.getuid?.() === 0 ? runAsUser() : undefined;
  if (user !== undefined) chownSync(dir, user.uid, user.gid);
  const wrap = commandWrapper(dir, user?.name);
  execFileSync(wrap.command, [...wrap.prefix, join(POSTGRES_BIN, 'initdb'), '-D', join(dir, 'data'), '-A', 'trust', '-U', 'palisade', '--no-sync', '-E', 'UTF8', '--locale', 'C'], { stdio: 'pipe' });
  const launch = async (): Promise<{ child: ChildProcess; postmaster: number }> => {
    const child = spawn(wrap.command, [...wrap.prefix, join(POSTGRES_BIN, 'postgres'), '-D', join(dir, 'data'), '-k', dir, '-p', String(port), '-h', '127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForLine(child, /database system is ready to accept connections/, 'postgres');
    // runuser does not pass SIGINT on: signal the postmaster itself (fast shutdown).
    return { child, postmaster: Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]) };
  };
  let server: { child: ChildProcess; postmaster: number } | undefined = await launch();
  return {
    url: `postgres://palisade@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (server !== undefined) await stopChild(server.child, server.postmaster);
      rmSync(dir, { recursive: true, force: true });
    },
    // A fast shutdown: the server ends every session (57P01), as in a restart or a fail-over.
    pause: async () => {
      if (server !== undefined) await stopChild(server.child, server.postmaster);
      server = undefined;
    },
    resume: async () => {
      server = await launch();
    },
  };
}

function runAsUser(): { name: string; uid: number; gid: number } | undefined {
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { name, uid, gid };
    } catch {
      // no such user
    }
  }
  return undefined;
}

function nullIsDevice(): boolean {
  return statSync('/dev/null').isCharacterDevice();
}

/**
 * How to run a PostgreSQL binary: directly; as another user when we are root (`runuser`); and when
 * /dev/null is not a device (seen on some sandboxes, where initdb then fails), in a private mount
 * namespace with a real null device bound over it, so nothing outside the child changes.
 */
function commandWrapper(dir: string, user: string | undefined): { command: string; prefix: string[] } {
  if (user === undefined) return { command: 'env', prefix: [] };
  if (nullIsDevice()) return { command: 'runuser', prefix: ['-u', user, '--'] };
  const device = join(dir, 'null');
  execFileSync('mknod', ['-m', '666', device, 'c', '1', '3']);
  return { command: 'unshare', prefix: ['--mount', '--propagation', 'private', 'sh', '-c', `mount --bind "$0" /dev/null && exec runuser -u ${user} -- "$@"`, device] };
}

function waitForLine(child: ChildProcess, pattern: RegExp, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (!pattern.test(output)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${output}`));
    });
  });
}

async function stopChild(child: ChildProcess, pid?: number, signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (pid === undefined) child.kill(signal);
  else process.kill(pid, signal);
  await exited;
}
