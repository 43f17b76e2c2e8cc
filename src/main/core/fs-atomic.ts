// Atomic file replacement: temp file in the same folder, fsync, rename, fsync the folder. A reader
// (or a crash at any instant) sees the old bytes or the new bytes, never a mix.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { chown, lstat, open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from './process-alive';

/** A symlink whose target does not exist: writing "through" it would invent a file the user never named. */
export class DanglingSymlinkError extends Error {
  constructor(readonly link: string) {
    super(`${link} is a symbolic link to a file that does not exist`);
    this.name = 'DanglingSymlinkError';
  }
}

/**
 * The file a write to `path` must replace: `path` itself, or, when it is a symlink (dotfile managers
 * link openclaw.json into a repo), the file it points to. Renaming over the link would replace the
 * link with a regular file and leave its target stale. Throws DanglingSymlinkError for a broken link.
 */
export async function resolveWriteTarget(path: string): Promise<string> {
  try {
    if (!(await lstat(path)).isSymbolicLink()) return path;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return path; // a new file
    throw err;
  }
  try {
    return await realpath(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR') throw new DanglingSymlinkError(path);
    throw err;
  }
}

/**
 * Writes `data` to `path` atomically, keeping the existing file's mode (and owner when we may).
 * A symlink is written through: the temp file goes next to its target, which the rename replaces.
 */
export async function writeFileAtomic(
  linkOrPath: string,
  data: string | Buffer,
  opts: { mode?: number; beforeRename?: () => Promise<void> } = {},
): Promise<void> {
  const path = await resolveWriteTarget(linkOrPath);
  const dir = dirname(path);
  let mode = opts.mode ?? 0o600;
  let owner: { uid: number; gid: number } | undefined;
  try {
    const st = await stat(path);
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch {
    // New file: secrets live in openclaw.json, so it starts private (0600).
  }
  await removeOrphanTemps(dir, basename(path));
  const tmp = join(dir, `.${basename(path)}.warmclaw-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(data);
    await fh.chmod(mode); // open() applies the umask; chmod makes the mode exact.
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  if (owner && process.getuid?.() === 0) await chown(tmp, owner.uid, owner.gid).catch(() => undefined);
  try {
    // Last look before the swap (e.g. "did someone else change the file?"): it may throw to abort.
    await opts.beforeRename?.();
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}

/**
 * The same guarantee for small files written synchronously (the failover record; settings.json is
 * written by conf, atomically too): temp file with `mode`, fsync, rename, fsync the folder.
 */
export function writeFileAtomicSync(path: string, data: string, mode = 0o600): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.warmclaw-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  try {
    const d = openSync(dir, 'r');
    try {
      fsyncSync(d);
    } finally {
      closeSync(d);
    }
  } catch {
    /* best effort (Windows) */
  }
}

async function fsyncDir(dir: string): Promise<void> {
  // Makes the rename itself durable. Not supported on Windows: there, skipping is the best we can do.
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    /* best effort */
  }
}


/** A write never takes this long: an older temp file is debris even if its pid now names a live process. */
const TEMP_MAX_AGE_MS = 10 * 60_000;

/**
 * Removes the temp copies a killed writer left next to `path` (or next to its symlink target):
 * those of dead processes, and any older than a write can take (the pid may have been reused).
 */
export async function removeTempCopies(path: string): Promise<void> {
  const target = await resolveWriteTarget(path).catch(() => path);
  await removeOrphanTemps(dirname(target), basename(target));
}

/** A writer killed mid-write leaves its temp file; the next write removes those of dead processes. */
async function removeOrphanTemps(dir: string, base: string): Promise<void> {
  const prefix = `.${base}.warmclaw-`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const now = Date.now();
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'))
      .map(async (n) => {
        const pid = Number.parseInt(n.slice(prefix.length), 10);
        const orphan = Number.isFinite(pid) && pid !== process.pid && !isProcessAlive(pid);
        const old = !orphan && now - ((await stat(join(dir, n)).catch(() => null))?.mtimeMs ?? now) > TEMP_MAX_AGE_MS;
        if (orphan || old) await rm(join(dir, n), { force: true });
      }),
  );
}
