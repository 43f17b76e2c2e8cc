// One mutex per config file: an in-process promise chain (the daemon and the UI share a process) plus
// a lock file in Warmclaw's data folder, so the CLI and the daemon never interleave a
// read-modify-write of the same openclaw.json. Stale locks are taken over: a dead pid, a pid now
// used by another process (start time differs), or a record without a start time that is older
// than any write takes.
import { createHash } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { WarmclawError } from '../errors';
import { isOwnerAlive, ownerRecord, parseOwnerRecord } from '../process-alive';
import { msg } from '../../../shared/messages';

const chains = new Map<string, Promise<unknown>>();

/** A write (validation, three attempts, gateway confirmation) never holds the lock this long. */
const LEGACY_LOCK_MAX_AGE_MS = 120_000;

/** The lock file of one config file. */
export function lockPathFor(configPath: string, dataDir: string): string {
  return join(dataDir, 'locks', `${createHash('sha256').update(configPath).digest('hex').slice(0, 16)}.lock`);
}


async function acquireFileLock(lockPath: string, timeoutMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    // The pid is written to a private file first and hard-linked into place: link() is atomic and
    // fails when the lock exists, so a lock file always names its owner, even if we die right here.
    const mine = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(mine, ownerRecord(), { mode: 0o600 });
    try {
      await link(mine, lockPath);
      return () => rm(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = parseOwnerRecord(await readFile(lockPath, 'utf8').catch(() => ''));
      const age = Date.now() - ((await stat(lockPath).catch(() => null))?.mtimeMs ?? Date.now());
      // A dead owner crashed while holding it; a live pid with another start time is a reused pid
      // (in a container pid 1 is always alive); an unreadable lock older than a few seconds is
      // debris; a pid-only record (older Warmclaw) older than any write is stale too.
      const stale = owner ? !isOwnerAlive(owner) || (owner.start === undefined && age > LEGACY_LOCK_MAX_AGE_MS) : age > 5_000;
      if (stale) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new WarmclawError('conflict', msg('error.lock-timeout', { pid: String(owner?.pid ?? 'unknown') }));
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 100);
    } finally {
      await rm(mine, { force: true });
    }
  }
}

/** Runs `fn` while holding the per-file mutex (in-process and cross-process). */
export async function withFileLock<T>(configPath: string, dataDir: string, fn: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const prev = chains.get(configPath) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const chain = prev.then(() => mine);
  chains.set(configPath, chain);
  await prev.catch(() => undefined);
  try {
    const lockPath = lockPathFor(configPath, dataDir);
    await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
    const unlock = await acquireFileLock(lockPath, timeoutMs);
    try {
      return await fn();
    } finally {
      await unlock();
    }
  } finally {
    release();
    if (chains.get(configPath) === chain) chains.delete(configPath);
  }
}

/**
 * Removes lock debris in the data folder: lock files whose owner is gone (or is a reused pid), and
 * the private `<lock>.<pid>.<rand>` files a process killed mid-acquire leaves.
 */
export async function removeStaleLockDebris(dataDir: string): Promise<void> {
  const dir = join(dataDir, 'locks');
  const names = await readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  for (const n of names) {
    const file = join(dir, n);
    const age = now - ((await stat(file).catch(() => null))?.mtimeMs ?? now);
    const m = /\.lock\.(\d+)\.[0-9a-f]+$/.exec(n);
    if (m) {
      if (!isOwnerAlive({ pid: Number(m[1]) }) || age > 60_000) await rm(file, { force: true });
      continue;
    }
    if (!n.endsWith('.lock')) continue;
    const owner = parseOwnerRecord(await readFile(file, 'utf8').catch(() => ''));
    const stale = owner ? !isOwnerAlive(owner) || (owner.start === undefined && age > LEGACY_LOCK_MAX_AGE_MS) : age > 5_000;
    if (stale) await rm(file, { force: true });
  }
}
