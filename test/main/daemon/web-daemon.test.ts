// `warmclaw daemon --ui` as a real process: prints the sign-in link once, serves the API with it,
// keeps the token out of the log file, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exited } from '../../helpers/child';
import { tempDir } from '../../helpers/tmp';

const bin = resolve(__dirname, '../../../bin/warmclaw.mjs');

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((res, rej) => {
    request(url, { headers }, (r) => {
      let body = '';
      r.on('data', (c: Buffer) => (body += c.toString()));
      r.on('end', () => res({ status: r.statusCode ?? 0, location: r.headers.location, body }));
    })
      .on('error', rej)
      .end();
  });
}

describe('warmclaw daemon --ui', () => {
  it('prints the one-time sign-in link, serves the API with its token, and never logs the token', async () => {
    const dir = tempDir();
    const config = join(dir, 'openclaw.json');
    writeFileSync(config, '{\n  agents: { defaults: { model: "anthropic/claude-opus-4-6" } },\n}\n');
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));
    // Only the API is used here: no UI build when out/renderer is missing.
    const env = { PATH: process.env.PATH, HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: config, WARMCLAW_SKIP_UI_BUILD: '1' };
    const daemon = spawn(process.execPath, [bin, 'daemon', '--ui', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let terminal = '';
    daemon.stdout.on('data', (d: Buffer) => (terminal += d.toString()));
    daemon.stderr.on('data', (d: Buffer) => (terminal += d.toString()));
    try {
      const link = await new Promise<string>((res, rej) => {
        let buf = '';
        const timer = setTimeout(() => rej(new Error(`no sign-in link; got:\n${buf}`)), 60_000);
        daemon.stderr.on('data', (d: Buffer) => {
          buf += d.toString();
          const m = /Warmclaw UI: open (http:\/\/127\.0\.0\.1:\d+\/auth\?token=[0-9a-f]{64})/.exec(buf);
          if (m) {
            clearTimeout(timer);
            res(m[1]!);
          }
        });
      });
      const url = new URL(link);
      const token = url.searchParams.get('token')!;
      const auth = await get(link);
      expect(auth.status).toBe(303);
      expect(auth.location).toMatch(/^\/#session=[0-9a-f]{64}$/);
      const secret = auth.location!.split('=')[1]!;
      // Used once: a second use is refused, and the terminal gets the next link (bounded wait).
      expect((await get(link)).status).toBe(410);
      let next: RegExpExecArray | null = null;
      for (let i = 0; i < 100 && !next; i++) {
        next = /the next sign-in link: (http:\/\/127\.0\.0\.1:\d+\/auth\?token=([0-9a-f]{64}))/.exec(terminal);
        if (!next) await new Promise((r) => setTimeout(r, 50));
      }
      expect(next, terminal).not.toBeNull();
      expect(next![2]).not.toBe(token);
      const status = await get(`${url.origin}/api/status`, { Authorization: `Bearer ${token}` });
      expect(status.status).toBe(200);
      expect(JSON.parse(status.body)).toMatchObject({ ok: true, data: { summary: { state: expect.any(String) } } });
      expect((await get(`${url.origin}/api/status`)).status).toBe(401);

      daemon.kill('SIGTERM');
      expect(await exited(daemon)).toBe(0);
      const log = readFileSync(join(dir, 'data', 'logs', 'daemon.log'), 'utf8');
      expect(log).toContain('web UI listening');
      expect(log).not.toContain(token);
      expect(log).not.toContain(next![2]);
      expect(log).not.toContain(secret);
      // The terminal is for people: a status line and the link, no JSON log lines (those are --verbose).
      expect(terminal).toMatch(/^Warmclaw daemon running \(pid \d+\): watching .*openclaw\.json; log .*daemon\.log\. Ctrl-C stops it\.$/m);
      expect(terminal.split('\n').filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
    } finally {
      if (daemon.exitCode === null) daemon.kill('SIGKILL');
    }
  }, 120_000);

  it('--json: only JSON log lines on stdout, the status line on stderr', async () => {
    const dir = tempDir();
    const config = join(dir, 'openclaw.json');
    writeFileSync(config, '{\n  agents: { defaults: { model: "anthropic/claude-opus-4-6" } },\n}\n');
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));
    const env = { PATH: process.env.PATH, HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: config };
    const daemon = spawn(process.execPath, [bin, 'daemon', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    daemon.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      await new Promise<void>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no "daemon started" log line on stdout; got:\n${out}\nstderr:\n${err}`)), 60_000);
        daemon.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('"msg":"daemon started"')) {
            clearTimeout(timer);
            res();
          }
        });
      });
      daemon.kill('SIGTERM');
      expect(await exited(daemon)).toBe(0);
      for (const line of out.trim().split('\n')) expect(() => JSON.parse(line), line).not.toThrow();
      expect(err).toMatch(/^Warmclaw daemon running \(pid \d+\)/m);
    } finally {
      if (daemon.exitCode === null) daemon.kill('SIGKILL');
    }
  }, 120_000);

  it('refuses a bad --port', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data'), { recursive: true });
    const env = { PATH: process.env.PATH, HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: join(dir, 'openclaw.json') };
    const child = spawn(process.execPath, [bin, 'daemon', '--ui', '--port', 'eighty'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exited(child)).toBe(1);
    expect(err).toContain('--port takes a port number');
  }, 60_000);
});
