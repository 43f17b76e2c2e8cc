// The log file, rotated by size: a daemon that runs for months next to a flapping server must not
// fill the disk. When the next line would take daemon.log past `maxBytes`, daemon.log becomes
// daemon.log.1 (.1 becomes .2, …, the oldest kept is deleted) and a new daemon.log starts, owner-only
// like the first. Lines are written synchronously: a few short lines a minute cost microseconds, and
// nothing is lost when the process dies right after logging why.
import { closeSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

export interface RotatingFileOptions {
  /** Rotate before a line would take the file past this size (default 5 MB). */
  maxBytes?: number;
  /** Rotated files kept besides the current one: <path>.1 (newest) … <path>.N (default 3). */
  keep?: number;
  /** Mode of each new file (default 0o600: logs name servers and paths, not for other users). */
  mode?: number;
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 3;

export interface RotatingFile {
  /** Appends one line (a newline is added). */
  writeLine(line: string): void;
  close(): void;
}

export function openRotatingFile(path: string, opts: RotatingFileOptions = {}): RotatingFile {
  const maxBytes = Math.max(1, opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES);
  const keep = Math.max(0, Math.floor(opts.keep ?? DEFAULT_LOG_KEEP));
  const mode = opts.mode ?? 0o600;
  let fd: number | undefined = openSync(path, 'a', mode);
  let size = fstatSync(fd).size;

  const rotate = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    if (keep === 0) rmSync(path, { force: true });
    else {
      rmSync(`${path}.${keep}`, { force: true });
      for (let i = keep - 1; i >= 1; i--) {
        try {
          renameSync(`${path}.${i}`, `${path}.${i + 1}`);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
      renameSync(path, `${path}.1`);
    }
    fd = openSync(path, 'a', mode);
    size = 0;
  };

  return {
    writeLine(line: string) {
      if (fd === undefined) return;
      const buf = Buffer.from(line + '\n', 'utf8');
      // A line longer than the cap still goes into a file of its own rather than being lost.
      if (size > 0 && size + buf.length > maxBytes) {
        try {
          rotate();
        } catch {
          // Cannot rotate (read-only folder, file removed under us): keep appending where we can;
          // logging never takes the daemon down.
          try {
            fd ??= openSync(path, 'a', mode);
          } catch {
            return;
          }
        }
      }
      writeSync(fd, buf);
      size += buf.length;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
