// The log file rotates by size: the current file never grows past the cap, old lines move to
// .1 … .N (the oldest dropped), every file stays owner-only, and no line is lost or split.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/main/core/log/logger';
import { openRotatingFile } from '../../../../src/main/core/log/rotating-file';
import { tempDir } from '../../../helpers/tmp';

describe('rotating log file', () => {
  it('rotates by size, keeps N old files, owner-only, whole lines', () => {
    const dir = tempDir();
    const path = join(dir, 'daemon.log');
    const file = openRotatingFile(path, { maxBytes: 1_000, keep: 2 });
    const logger = createLogger({ write: (l) => file.writeLine(l), now: () => 0 });
    // ~35 lines a minute from a flapping server, for a while: far more than the cap.
    for (let i = 0; i < 200; i++) logger.info('endpoint', { id: 'http://127.0.0.1:1234', health: i % 2 ? 'up' : 'down', n: i });
    file.close();
    expect(readdirSync(dir).sort()).toEqual(['daemon.log', 'daemon.log.1', 'daemon.log.2']);
    const lines: string[] = [];
    for (const name of ['daemon.log.2', 'daemon.log.1', 'daemon.log']) {
      const p = join(dir, name);
      expect(statSync(p).size, name).toBeLessThanOrEqual(1_000);
      if (process.platform !== 'win32') expect(statSync(p).mode & 0o777, name).toBe(0o600);
      const text = readFileSync(p, 'utf8');
      expect(text.endsWith('\n'), name).toBe(true);
      lines.push(...text.trimEnd().split('\n'));
    }
    // Whole JSON lines, the newest ones, in order, ending with the last.
    const ns = lines.map((l) => (JSON.parse(l) as { n: number }).n);
    expect(ns[ns.length - 1]).toBe(199);
    for (let i = 1; i < ns.length; i++) expect(ns[i]).toBe(ns[i - 1]! + 1);
  });

  it('appends to an existing file and counts its size', () => {
    const dir = tempDir();
    const path = join(dir, 'daemon.log');
    writeFileSync(path, 'x'.repeat(998) + '\n', { mode: 0o600 });
    const file = openRotatingFile(path, { maxBytes: 1_000, keep: 1 });
    file.writeLine('next');
    file.close();
    expect(readFileSync(path, 'utf8')).toBe('next\n');
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('x'.repeat(998) + '\n');
  });
});
