// The log view reads the log file back: what it shows is what the file holds (secrets redacted,
// control characters as \u001b), newest first, filtered, and never more than a bounded tail.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/main/core/log/logger';
import { LOG_LINE_CHARS, readRecentLog } from '../../../../src/main/core/log/log-reader';
import { openRotatingFile } from '../../../../src/main/core/log/rotating-file';
import { tempDir } from '../../../helpers/tmp';

const LMS = 'http://127.0.0.1:1234';
const OLLAMA = 'http://127.0.0.1:11434';

function logTo(path: string, opts: { maxBytes?: number; keep?: number; secrets?: string[] } = {}) {
  const file = openRotatingFile(path, opts);
  let n = 0;
  const logger = createLogger({ write: (l) => file.writeLine(l), now: () => Date.UTC(2026, 11, 5, 1, 0, n++), secrets: () => opts.secrets ?? [] });
  return { logger, file };
}

describe('readRecentLog', () => {
  it('gives back lines as the file holds them: keys, tokens and bearer headers redacted, escape codes visible', async () => {
    const path = join(tempDir(), 'daemon.log');
    const { logger, file } = logTo(path, { secrets: ['gw-token-7f3a9c'] });
    logger.warn('warm-keeper ping failed \u001b[31mred\u001b[0m \u009b2J', { endpoint: LMS, error: 'HTTP 401 for sk-abcdefghijklmnop', apiKey: 'lm-studio-key-123' });
    logger.info('gateway says Authorization: Bearer abcdef0123456789 and gw-token-7f3a9c', { headers: { Authorization: 'Bearer abcdef0123456789' }, token: 'tok-xyz-1' });
    file.close();
    const text = readFileSync(path, 'utf8');
    const lines = text.trimEnd().split('\n');

    const page = await readRecentLog(path);
    expect(page.file).toBe(path);
    expect(page.more).toBe(false);
    expect(page.entries.map((e) => e.level)).toEqual(['info', 'warn']); // newest first
    const [gateway, ping] = page.entries as [(typeof page.entries)[0], (typeof page.entries)[0]];

    for (const secret of ['sk-abcdefghijklmnop', 'lm-studio-key-123', 'abcdef0123456789', 'gw-token-7f3a9c', 'tok-xyz-1']) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(page)).not.toContain(secret);
    }
    expect(ping.msg).toBe('warm-keeper ping failed \\u001b[31mred\\u001b[0m \\u009b2J');
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the view
    expect(JSON.stringify(page)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(ping.server).toBe(LMS);
    expect(ping.fields).toContain('"apiKey":"[redacted]"');
    expect(gateway.msg).toBe('gateway says Authorization: [redacted] and [redacted]');
    expect(gateway.fields).toBe('{"headers":{"Authorization":"[redacted]"},"token":"[redacted]"}');
    // The view's text is the file's text: the message between its quotes and the fields as written.
    expect(lines[0]).toContain(`"msg":"${ping.msg}"`);
    expect(lines[0]!.endsWith(`,${ping.fields.slice(1)}`)).toBe(true);
    expect(lines[1]).toBe(`{"t":"${gateway.t}","level":"info","msg":"${gateway.msg}",${gateway.fields.slice(1)}`);
  });

  it('a line written before its secret was known (or by hand) is redacted on the way out', async () => {
    const path = join(tempDir(), 'daemon.log');
    writeFileSync(path, `${JSON.stringify({ t: '2026-12-05T01:00:00.000Z', level: 'error', msg: 'call failed', apiKey: 'plain-key-456', note: 'used sk-live0123456789' })}\nnot json \u001b]0;title\u0007 sk-abcdefghij12\n`);
    const page = await readRecentLog(path);
    expect(page.entries).toEqual([
      { t: '', level: 'other', msg: 'not json \\u001b]0;title\\u0007 [redacted]', fields: '' },
      { t: '2026-12-05T01:00:00.000Z', level: 'error', msg: 'call failed', fields: '{"apiKey":"[redacted]","note":"used [redacted]"}' },
    ]);
  });

  it('filters by level (and above), server and text (case-insensitive); limit keeps the newest', async () => {
    const path = join(tempDir(), 'daemon.log');
    const { logger, file } = logTo(path);
    for (let i = 0; i < 30; i++) {
      logger.info('endpoint', { id: i % 2 ? LMS : OLLAMA, health: 'up', n: i });
      if (i % 10 === 9) logger.warn('warm-keeper ping failed', { endpoint: OLLAMA, model: 'qwen3:8b', n: i });
      if (i === 20) logger.error('failover evaluation failed', { error: 'Config Unreadable', n: i });
    }
    file.close();
    const ns = (p: Awaited<ReturnType<typeof readRecentLog>>) => p.entries.map((e) => JSON.parse(e.fields).n as number);

    expect(ns(await readRecentLog(path, { level: 'warn' }))).toEqual([29, 20, 19, 9]);
    expect(ns(await readRecentLog(path, { level: 'error' }))).toEqual([20]);
    expect(ns(await readRecentLog(path, { server: OLLAMA, level: 'warn' }))).toEqual([29, 19, 9]);
    expect(ns(await readRecentLog(path, { text: 'config unreadable' }))).toEqual([20]);
    expect(ns(await readRecentLog(path, { text: 'QWEN3' }))).toEqual([29, 19, 9]);
    expect((await readRecentLog(path, { text: 'nothing like this' })).entries).toEqual([]);
    const limited = await readRecentLog(path, { server: LMS, limit: 3 });
    expect(ns(limited)).toEqual([29, 27, 25]);
    expect(limited.more).toBe(true);
    const all = await readRecentLog(path, { server: LMS });
    expect(all.entries).toHaveLength(15);
    expect(all.more).toBe(false);
  });

  it('reads on into rotated files, newest first, and stops at its byte budget with whole lines only', async () => {
    const dir = tempDir();
    const path = join(dir, 'daemon.log');
    const { logger, file } = logTo(path, { maxBytes: 2_000, keep: 2 });
    for (let i = 0; i < 60; i++) logger.info('endpoint', { id: LMS, n: i });
    file.close();
    const whole = await readRecentLog(path, { limit: 500 }, { keep: 2 });
    const got = whole.entries.map((e) => JSON.parse(e.fields).n as number);
    expect(got[0]).toBe(59);
    for (let i = 1; i < got.length; i++) expect(got[i]).toBe(got[i - 1]! - 1);
    // Three files of at most 2 000 bytes: more than one file's worth, fewer than everything.
    expect(got.length).toBeGreaterThan(2_000 / 100);
    expect(got.length).toBeLessThan(60);

    const lineBytes = readFileSync(path, 'utf8').split('\n')[0]!.length + 1;
    const budget = lineBytes * 5 + 7; // five lines and a piece of a sixth
    const tail = await readRecentLog(path, {}, { keep: 2, scanBytes: budget });
    expect(tail.entries.map((e) => JSON.parse(e.fields).n)).toEqual([59, 58, 57, 56, 55]);
    expect(tail.more).toBe(true);
  });

  it('cuts very long lines for the view, says so, and has nothing to show without a file', async () => {
    const path = join(tempDir(), 'daemon.log');
    appendFileSync(path, `${JSON.stringify({ t: '2026-12-05T01:00:00.000Z', level: 'warn', msg: 'x'.repeat(LOG_LINE_CHARS * 3) })}\n`);
    const [e] = (await readRecentLog(path)).entries;
    expect(e!.msg.length).toBe(LOG_LINE_CHARS);
    expect(e!.truncated).toBe(true);
    expect(await readRecentLog(undefined)).toEqual({ file: null, entries: [], more: false });
    expect(await readRecentLog(join(tempDir(), 'never-written.log'))).toMatchObject({ entries: [], more: false });
  });
});
