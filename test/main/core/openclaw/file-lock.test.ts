// Stale locks that name a live pid (pid reuse; in a container pid 1 is always alive) must not block
// every write: the lock records its owner's start time, and another start time means another process.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import type { EditCommand } from '../../../../src/shared/config-edits';
import { WarmclawError } from '../../../../src/main/core/errors';
import { ConfigFile } from '../../../../src/main/core/openclaw/config-file';
import { lockPathFor, withFileLock } from '../../../../src/main/core/openclaw/file-lock';
import { isOwnerAlive, ownerRecord, parseOwnerRecord, processStartTime } from '../../../../src/main/core/process-alive';
import { exited } from '../../../helpers/child';
import { tempDir } from '../../../helpers/tmp';

const LM: EditCommand = { type: 'add-provider', input: { kind: 'lmstudio', id: 'wc-lmstudio', models: [{ id: 'qwen/qwen3-32b', contextWindow: 32768 }] } };

function setup() {
  const dir = tempDir();
  const path = join(dir, 'openclaw.json');
  writeFileSync(path, '{}\n', { mode: 0o600 });
  const dataDir = join(dir, 'data');
  const lock = lockPathFor(path, dataDir);
  mkdirSync(dirname(lock), { recursive: true });
  return { path, dataDir, lock, cf: new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir }) };
}

describe('process identity', () => {
  it('reads start times: stable for one process, different for a later one', async () => {
    const mine = processStartTime(process.pid);
    if (process.platform === 'linux') expect(mine).toMatch(/^linux:\d+$/);
    expect(processStartTime(process.pid)).toBe(mine);
    expect(parseOwnerRecord(ownerRecord())).toEqual(mine ? { pid: process.pid, start: mine } : { pid: process.pid });
    expect(parseOwnerRecord('1234')).toEqual({ pid: 1234 });
    expect(parseOwnerRecord('garbage')).toBeUndefined();
    // A live child is alive under its own record, not under a record with another start time.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const start = processStartTime(child.pid!);
      expect(isOwnerAlive({ pid: child.pid!, start })).toBe(true);
      if (start) expect(isOwnerAlive({ pid: child.pid!, start: `${start}0` })).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    expect(isOwnerAlive({ pid: child.pid! })).toBe(false);
  });
});

describe('config writes with a leftover lock', () => {
  it('takes over a lock naming pid 1 (always alive) with another start time', async () => {
    const { path, lock, cf } = setup();
    writeFileSync(lock, '1 linux:999999999999');
    const res = await cf.apply(LM);
    expect(res.changed).toBe(true);
    expect(JSON5.parse(readFileSync(path, 'utf8')).models.providers['wc-lmstudio']).toBeDefined();
  });

  it('takes over an old pid-only lock of a live pid once it is older than any write', async () => {
    const { lock, cf } = setup();
    writeFileSync(lock, String(process.ppid > 0 ? process.ppid : 1));
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lock, old, old);
    expect((await cf.apply(LM)).changed).toBe(true);
  });

  it('still waits for a lock its live owner holds, and says so', async () => {
    const { path, dataDir, lock } = setup();
    writeFileSync(lock, ownerRecord());
    let err: unknown;
    try {
      await withFileLock(path, dataDir, async () => undefined, 200);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WarmclawError);
    expect((err as WarmclawError).code).toBe('conflict');
    expect((err as WarmclawError).message).toContain(`pid ${process.pid}`);
  });
});
