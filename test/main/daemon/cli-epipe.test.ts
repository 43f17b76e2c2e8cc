// `warmclaw config backups | head -c 1`: a reader that goes away early is not a crash. The real entry
// (bin/warmclaw.mjs) is spawned and its stdout pipe is closed before it writes a byte.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/daemon/cli';
import { exited } from '../../helpers/child';
import { tempDir } from '../../helpers/tmp';

const repo = resolve(__dirname, '../../..');

describe('CLI with a closed stdout', () => {
  it('exits quietly (no EPIPE stack trace, exit code 0) when the reader closes early', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, '{}\n', { mode: 0o600 });
    const env = { HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: path, PATH: '/usr/bin:/bin' };
    // A few backups, so `config backups` has lines to print.
    for (const ctx of ['8192', '16384', '32768']) {
      const code = await runCli(['config', 'add-provider', 'lmstudio', '--model', 'qwen/qwen3-32b', '--context-window', ctx], { out: () => undefined, err: () => undefined, env });
      expect(code).toBe(0);
    }
    const child = spawn(process.execPath, [join(repo, 'bin', 'warmclaw.mjs'), 'config', 'backups'], { env: { ...env, PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the CLI (seconds of tsx start-up) writes anything: every write hits EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await exited(child);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});
