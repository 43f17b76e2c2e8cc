// The last auto-failover switch, kept in Warmclaw's data folder: the daemon writes it, and the CLI's
// `local-first status` (another process) and History read it, so a switch is never silent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../fs-atomic';
import type { FailoverSwitch } from './failover';
import { messageSchema } from '../../../shared/message-schema';

const FILE = 'failover.json';

/** Records the latest switch (atomic; 0600 like everything in the data folder). */
export function writeFailoverRecord(dataDir: string, s: FailoverSwitch): void {
  writeFileAtomicSync(join(dataDir, FILE), JSON.stringify(s), 0o600);
}

/** The latest switch, or undefined when none was recorded (or the file is unreadable). */
export function readFailoverRecord(dataDir: string): FailoverSwitch | undefined {
  try {
    const v = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Partial<FailoverSwitch>;
    if ((v.direction === 'to-hosted' || v.direction === 'to-local') && typeof v.at === 'number' && typeof v.localRef === 'string' && typeof v.reason === 'string') {
      const reasonMsg = messageSchema.safeParse(v.reasonMsg);
      return { direction: v.direction, at: v.at, localRef: v.localRef, reason: v.reason, ...(reasonMsg.success && { reasonMsg: reasonMsg.data }), ...(typeof v.primary === 'string' && { primary: v.primary }) };
    }
  } catch {
    // none yet
  }
  return undefined;
}
