// Text from servers and files never reaches the terminal raw: ESC, BEL, CR/LF and C1 controls in a
// model id are shown as \x1b, … in `warmclaw status`, `config show`, JSON output and log lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../../src/main/core/text';
import { createLogger } from '../../../src/main/core/log/logger';
import { runCli } from '../../../src/main/daemon/cli';
import { startSimulator, type Simulator } from '../../sim';
import { tempDir } from '../../helpers/tmp';

// A title change, a bell, a screen clear, a CSI in its C1 form, and a forged table line.
const EVIL = 'evil\u001b]0;pwned\u0007\u001b[2J\u009b31m\u007f\r\nhttp://127.0.0.1:1  LM Studio  up  1 ms  fake-model  loaded';
// eslint-disable-next-line no-control-regex -- what must never be printed raw
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

async function run(env: NodeJS.ProcessEnv, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('escapeControls', () => {
  it('shows C0, DEL and C1 as escapes; keeps our own line breaks only when asked', () => {
    expect(escapeControls('a\u001b[31mb\u0007')).toBe('a\\x1b[31mb\\x07');
    expect(escapeControls('x\u007fy\u009bz')).toBe('x\\x7fy\\x9bz');
    expect(escapeControls('one\ntwo\r\nthree\rfour\tfive')).toBe('one\\x0atwo\\x0d\\x0athree\\x0dfour\\x09five');
    expect(escapeControls('one\ntwo\r\nthree\rfour\tfive', { keepNewlines: true })).toBe('one\ntwo\r\nthree\\x0dfour\tfive');
    const json = escapeControls(JSON.stringify({ id: 'a\u009bb\u007f' }), { json: true });
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual({ id: 'a\u009bb\u007f' });
    expect(escapeControls('plain ümlaut → 模型')).toBe('plain ümlaut → 模型');
  });

  it('log lines stay inert and still parse as JSON', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) });
    log.info(`model ${EVIL}`, { id: EVIL });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(RAW_CONTROL);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: `model ${EVIL}`, id: EVIL });
  });
});

describe('CLI output', () => {
  let sim: Simulator | undefined;
  afterAll(async () => sim?.close());

  it('`warmclaw status` prints a hostile model id escaped, on its own row', async () => {
    sim = await startSimulator('lmstudio', { models: [{ id: EVIL, maxContext: 8192 }, { id: 'good/model', maxContext: 8192 }] });
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] }, endpoints: [{ baseUrl: sim.url, kind: 'lmstudio' }] }));
    const config = join(dir, 'openclaw.json');
    writeFileSync(config, '{}\n');
    const env = { HOME: dir, WARMCLAW_DATA_DIR: data, OPENCLAW_CONFIG_PATH: config, PATH: '/usr/bin:/bin' };
    const r = await run(env, 'status', '--no-scan');
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(RAW_CONTROL);
    expect(r.out).toContain('evil\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x7f\\x0d\\x0ahttp://127.0.0.1:1');
    // Header + one row per model: the id's CR/LF forged no extra line.
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.includes('fake-model'))).toHaveLength(1);

    const j = await run(env, 'status', '--no-scan', '--json');
    expect(j.out).not.toMatch(RAW_CONTROL);
    const ids = (JSON.parse(j.out).data.endpoints[0].models as { id: string }[]).map((m) => m.id);
    expect(ids).toContain(EVIL);
  }, 30_000);

  it('`config show` escapes ids from the file, and errors quoting the file are escaped too', async () => {
    const dir = tempDir();
    const config = join(dir, 'openclaw.json');
    writeFileSync(config, `{ models: { providers: { lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", models: [{ id: ${JSON.stringify(EVIL)}, name: "x" }] } } } }\n`);
    const env = { HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: config, PATH: '/usr/bin:/bin' };
    const r = await run(env, 'config', 'show');
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(RAW_CONTROL);
    expect(r.out).toContain('evil\\x1b]0;pwned');
    expect(r.out.split('\n').filter((l) => l.includes('fake-model'))).toHaveLength(1);
    const e = await run(env, 'config', 'set-primary', `lmstudio/nope\u001b[2J`);
    expect(`${e.out}${e.err}`).not.toMatch(RAW_CONTROL);
  });
});
