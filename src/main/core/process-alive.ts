// Is the process that wrote a lock or pid file still the one running under that pid? A pid alone
// cannot tell: pids are reused (a reboot, a busy machine) and in a container pid 1 is always alive.
// So lock files also record the owner's start time, and a live pid with another start time is a
// different process: the lock is stale.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An opaque, stable start time of `pid` (undefined when it cannot be read): Linux `/proc/<pid>/stat`
 * field 22 (clock ticks since boot), elsewhere `ps -o lstart=` (macOS, BSD). Windows: undefined.
 */
export function processStartTime(pid: number): string | undefined {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Field 2 (comm) is in parentheses and may hold spaces or ')': count fields after the last ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const start = rest[22 - 3];
      return start && /^\d+$/.test(start) ? `linux:${start}` : undefined;
    } catch {
      return undefined;
    }
  }
  if (process.platform === 'win32') return undefined;
  const r = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 });
  const out = r.status === 0 ? r.stdout.trim() : '';
  return out ? `ps:${out}` : undefined;
}

let ownStart: string | undefined | null = null;

/** What a lock file records about its owner: `<pid> <start time>` (start time omitted when unknown). */
export function ownerRecord(): string {
  if (ownStart === null) ownStart = processStartTime(process.pid);
  return ownStart ? `${process.pid} ${ownStart}` : String(process.pid);
}

export interface LockOwner {
  pid: number;
  start?: string;
}

/** Reads `ownerRecord()` text (also the older pid-only form); undefined when it names no pid. */
export function parseOwnerRecord(text: string): LockOwner | undefined {
  const [pidText, start] = text.trim().split(/\s+/, 2);
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  return start ? { pid, start } : { pid };
}

/**
 * True when the owner still runs: its pid is alive and, when the record has a start time we can
 * compare, it is the same process (not a later one that got the same pid).
 */
export function isOwnerAlive(owner: LockOwner): boolean {
  if (!isProcessAlive(owner.pid)) return false;
  if (owner.start === undefined) return true;
  const now = processStartTime(owner.pid);
  return now === undefined || now === owner.start;
}
