// `warmclaw log`: the newest lines of the daemon's (or app's) log file through the same reader as the
// app's log view: oldest first like tail, filters, a bounded count, secrets redacted, JSON on request.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/core/log/logger';
import { openRotatingFile } from '../../../src/main/core/log/rotating-file';
import { logFilePath } from '../../../src/main/core/paths';
import { cliRunner } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';

const LMS = 'http://127.0.0.1:1234';

function setup() {
  const dir = tempDir();
  const data = join(dir, 'data');
  mkdirSync(join(data, 'logs'), { recursive: true });
  const write = (writer: 'daemon' | 'app', lines: (log: ReturnType<typeof createLogger>) => void) => {
    const file = openRotatingFile(logFilePath(data, writer));
    let n = 0;
    lines(createLogger({ write: (l) => file.writeLine(l), now: () => Date.UTC(2026, 11, 5, 1, 0, n++) }));
    file.close();
  };
  return { run: cliRunner({ HOME: dir, WARMCLAW_DATA_DIR: data, OPENCLAW_CONFIG_PATH: join(dir, 'missing.json'), PATH: '/usr/bin:/bin' }), write };
}

describe('warmclaw log', () => {
  it('prints the daemon log oldest first, filtered by level, text, server and count', async () => {
    const { run, write } = setup();
    write('daemon', (log) => {
      log.info('daemon started', { pid: 42 });
      log.info('endpoint', { id: LMS, health: 'up' });
      log.warn('warm-keeper ping failed \u001b[31m', { endpoint: LMS, model: 'qwen3', apiKey: 'lm-key-0123456789', error: 'Bearer abcdefghijklmnop' });
      log.error('failover evaluation failed', { error: 'config unreadable' });
      log.info('stopping');
    });

    const all = await run('log');
    expect(all.code).toBe(0);
    const lines = all.out.split('\n');
    expect(lines.map((l) => l.split(/ {2,}/)[2])).toEqual(['daemon started', 'endpoint', 'warm-keeper ping failed \\u001b[31m', 'failover evaluation failed', 'stopping']);
    expect(lines[0]).toBe('2026-12-05T01:00:00.000Z  INFO   daemon started  {"pid":42}');
    expect(all.out).not.toContain('lm-key-0123456789');
    expect(all.out).not.toContain('abcdefghijklmnop');
    expect(all.out).toContain('"apiKey":"[redacted]"');

    expect((await run('log', '--level', 'warn')).out.split('\n').map((l) => l.split(/ {2,}/)[1])).toEqual(['WARN', 'ERROR']);
    expect((await run('log', '--grep', 'FAILOVER')).out).toContain('failover evaluation failed');
    expect((await run('log', '--server', LMS)).out.split('\n')).toHaveLength(2);
    const two = await run('log', '-n', '2');
    expect(two.out.split('\n').map((l) => l.split(/ {2,}/)[2])).toEqual(['failover evaluation failed', 'stopping']);
    expect(two.err).toContain('older lines not shown');

    const json = JSON.parse((await run('--json', 'log', '--level', 'error')).out);
    expect(json).toMatchObject({ ok: true, data: { entries: [{ level: 'error', msg: 'failover evaluation failed' }], more: false } });
    const none = await run('log', '--grep', 'no such words');
    expect(none).toMatchObject({ code: 0, out: '' });
    expect(none.err).toContain('No matching lines');
  });

  it('reads the app log with --app (or when only the app wrote lately), and refuses bad options', async () => {
    const { run, write } = setup();
    write('app', (log) => log.info('app started', { pid: 7 }));
    expect((await run('log')).out).toContain('app started');
    write('daemon', (log) => log.info('daemon started', { pid: 8 }));
    expect((await run('log')).out).toContain('daemon started');
    expect((await run('log', '--app')).out).toContain('app started');

    const badLevel = await run('log', '--level', 'loud');
    expect(badLevel.code).toBe(1);
    expect(badLevel.err).toContain('--level');
    const badCount = await run('log', '-n', 'many');
    expect(badCount.code).toBe(1);
    expect(badCount.err).toContain('-n takes a number');
    expect((await run('log', '-n', '100000')).code).toBe(1);
  });
});
