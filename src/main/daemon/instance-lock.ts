// One daemon per data folder: a pid file taken with an exclusive create. A pid file left by a dead
// process (crash, SIGKILL, reboot) is taken over; a live one makes the second start refuse clearly.
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WarmclawError } from '../core/errors';
import { isOwnerAlive, ownerRecord, parseOwnerRecord } from '../core/process-alive';


/** Takes the daemon lock or throws; returns the release function. */
export function acquireInstanceLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'daemon.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, ownerRecord(), { flag: 'wx', mode: 0o600 });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (parseOwnerRecord(readFileSync(file, 'utf8'))?.pid === process.pid) rmSync(file, { force: true });
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = parseOwnerRecord(readFileSync(file, 'utf8'));
      if (owner && owner.pid !== process.pid && isOwnerAlive(owner)) {
        throw new WarmclawError('conflict', `A Warmclaw daemon is already running (pid ${owner.pid}). Stop it first, or use \`warmclaw status\` to talk to it.`);
      }
      rmSync(file, { force: true }); // stale: its owner is gone, or its pid now belongs to another process
    }
  }
  throw new WarmclawError('conflict', `Could not take the daemon lock in ${dataDir}.`);
}
