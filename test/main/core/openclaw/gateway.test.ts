// Starts ONE real OpenClaw gateway (pinned CLI from .cache/openclaw) for the whole file and talks to it
// the way Warmclaw does. What the gateway needs to run here, found by trying:
// - an isolated HOME / OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH in a temp dir (isolatedEnv), else it
//   would read and write the real ~/.openclaw;
// - a free loopback port (`--port`, `--bind loopback`) and `--auth token`; the token comes from the
//   config as "${WARMCLAW_TEST_GATEWAY_TOKEN}" so it never appears on a command line;
// - logging.file inside the temp dir, else it appends to /tmp/openclaw/openclaw-<date>.log;
// - models.catalogRefresh.enabled: false, else it fetches a remote model catalog at startup;
// - OPENCLAW_SKIP_CHANNELS / OPENCLAW_SKIP_CRON / OPENCLAW_DISABLE_BONJOUR / OPENCLAW_NO_AUTO_UPDATE
//   only make it start lighter (no channel sidecars, no cron, no mDNS adverts, no update checks);
// - VITEST must not leak into it (OpenClaw behaves differently under Vitest): isolatedEnv drops it.
// Startup takes ~4 s on an idle machine and 20 s+ on a busy one; all waits below are bounded polls.
// The gateway leads its own process group, but its spawn broker starts a group of its own, so
// afterAll kills the group and then every recorded descendant by pid.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOpenclaw } from '../../../../scripts/ensure-openclaw.mjs';
import {
  DEFAULT_GATEWAY_PORT,
  GatewayError,
  gatewayConfigApply,
  gatewayConfigGet,
  gatewayConfigPatch,
  gatewayRawMatches,
  gatewayTarget,
  isGatewayUp,
  type GatewayConfigState,
  type GatewayTarget,
} from '../../../../src/main/core/openclaw/gateway';
import { isolatedEnv, openclawCommand, type OpenclawCli } from '../../../../src/main/core/openclaw/openclaw-cli';
import { openConfig } from '../../../../src/main/core/openclaw/open-config';
import { freePort } from '../../../helpers/ports';
import { descendants } from '../../../helpers/process-tree';

const TOKEN_VAR = 'WARMCLAW_TEST_GATEWAY_TOKEN';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value or `ms` pass; bounded, never a timing assertion. */
async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await sleep(300);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function configText(port: number, dir: string, notifyUser: boolean): string {
  return `{
  // Warmclaw gateway test: comments survive direct edits, not gateway rewrites.
  gateway: {
    mode: "local",
    port: ${port},
    bind: "loopback",
    auth: { mode: "token", token: "\${${TOKEN_VAR}}" },
  },
  logging: { file: ${JSON.stringify(join(dir, 'openclaw.log'))} },
  models: { catalogRefresh: { enabled: false } },
  agents: { defaults: { compaction: { notifyUser: ${notifyUser} } } },
}
`;
}

describe('gatewayTarget', () => {
  it('defaults to 18789 and no credential', () => {
    expect(gatewayTarget({}, {})).toEqual({ host: '127.0.0.1', port: DEFAULT_GATEWAY_PORT, tls: false, url: 'ws://127.0.0.1:18789', credentialSource: 'none' });
    expect(gatewayTarget(null, {}).port).toBe(18789);
  });

  it('takes the port from OPENCLAW_GATEWAY_PORT, then gateway.port, then the profile', () => {
    expect(gatewayTarget({ gateway: { port: 19000 } }, {}).port).toBe(19000);
    expect(gatewayTarget({ gateway: { port: 19000 } }, { OPENCLAW_GATEWAY_PORT: '19001' }).port).toBe(19001);
    expect(gatewayTarget({}, { OPENCLAW_GATEWAY_PORT: '127.0.0.1:19002' }).port).toBe(19002);
    expect(gatewayTarget({ gateway: { port: 'x' } }, {}).port).toBe(18789);
    const profilePort = gatewayTarget({}, { OPENCLAW_PROFILE: 'work' }).port;
    expect(profilePort).toBeGreaterThanOrEqual(20000);
    expect(profilePort).toBeLessThan(60000);
    expect(gatewayTarget({}, { OPENCLAW_PROFILE: 'default' }).port).toBe(18789);
  });

  it('resolves the token config-first: literal, ${VAR}, SecretRef env, then OPENCLAW_GATEWAY_TOKEN', () => {
    const env = { OPENCLAW_GATEWAY_TOKEN: 'from-env', MY_TOK: 'from-var' };
    expect(gatewayTarget({ gateway: { auth: { token: 'literal' } } }, env)).toMatchObject({ token: 'literal', credentialSource: 'config' });
    expect(gatewayTarget({ gateway: { auth: { token: '${MY_TOK}' } } }, env)).toMatchObject({ token: 'from-var', credentialSource: 'config' });
    expect(gatewayTarget({ gateway: { auth: { token: '$${MY_TOK}' } } }, env).token).toBe('${MY_TOK}');
    expect(gatewayTarget({ gateway: { auth: { token: { source: 'env', provider: 'default', id: 'MY_TOK' } } } }, env).token).toBe('from-var');
    expect(gatewayTarget({ gateway: { auth: { token: '${UNSET_VAR}' } } }, env)).toMatchObject({ token: 'from-env', credentialSource: 'env' });
    expect(gatewayTarget({ env: { vars: { CFG_TOK: 'from-config-env' } }, gateway: { auth: { token: '${CFG_TOK}' } } }, {}).token).toBe('from-config-env');
    expect(gatewayTarget({}, env)).toMatchObject({ token: 'from-env', credentialSource: 'env' });
  });

  it('follows gateway.auth.mode and gateway.tls', () => {
    expect(gatewayTarget({ gateway: { auth: { mode: 'password', password: 'pw', token: 't' } } }, {})).toMatchObject({ password: 'pw', credentialSource: 'config' });
    expect(gatewayTarget({ gateway: { auth: { mode: 'password' } } }, { OPENCLAW_GATEWAY_PASSWORD: 'pw2' }).password).toBe('pw2');
    expect(gatewayTarget({ gateway: { auth: { mode: 'none', token: 't' } } }, {}).token).toBeUndefined();
    expect(gatewayTarget({ gateway: { auth: { password: 'pw' } } }, {}).password).toBe('pw');
    expect(gatewayTarget({ gateway: { port: 1234, tls: { enabled: true } } }, {}).url).toBe('wss://127.0.0.1:1234');
  });
});

describe('gatewayRawMatches', () => {
  it('compares text, reading the redaction placeholder as a wildcard', () => {
    expect(gatewayRawMatches('{a:1}', '{a:1}')).toBe(true);
    expect(gatewayRawMatches('{a:1}', '{a:2}')).toBe(false);
    expect(gatewayRawMatches(undefined, '{}')).toBe(false);
    const raw = '{ apiKey: "__OPENCLAW_REDACTED__", b: 1, k2: "__OPENCLAW_REDACTED__" }';
    expect(gatewayRawMatches(raw, '{ apiKey: "sk-123", b: 1, k2: "x" }')).toBe(true);
    expect(gatewayRawMatches(raw, '{ apiKey: "sk-123", b: 2, k2: "x" }')).toBe(false);
  });
});

// Each CLI call takes 2–7 s depending on machine load; a test makes up to four.
describe('a real gateway', { timeout: 120_000 }, () => {
  let cli: OpenclawCli;
  let dir: string;
  let port: number;
  let token: string;
  let child: ChildProcess | undefined;
  let exited = false;
  const family = new Set<number>();
  let target: GatewayTarget;
  let first: GatewayConfigState;

  const configPath = () => join(dir, 'openclaw.json');
  const gwLog = async () => (await readFile(join(dir, 'gateway.out'), 'utf8').catch(() => '')).split('\n').slice(-15).join('\n');

  beforeAll(async () => {
    cli = { bin: await ensureOpenclaw() };
    dir = await mkdtemp(join(tmpdir(), 'warmclaw-gateway-test-'));
    port = await freePort();
    token = randomBytes(24).toString('hex');
    await writeFile(configPath(), configText(port, dir, false), { mode: 0o600 });
    const { command, args } = await openclawCommand(cli);
    const env = isolatedEnv(dir, process.env, {
      [TOKEN_VAR]: token,
      OPENCLAW_SKIP_CHANNELS: '1',
      OPENCLAW_SKIP_CRON: '1',
      OPENCLAW_DISABLE_BONJOUR: '1',
      OPENCLAW_NO_AUTO_UPDATE: '1',
    });
    const out = openSync(join(dir, 'gateway.out'), 'a');
    child = spawn(command, [...args, 'gateway', 'run', '--allow-unconfigured', '--auth', 'token', '--port', String(port), '--bind', 'loopback'], {
      env,
      cwd: dir,
      detached: true, // own process group, so afterAll can stop it and its helpers together
      stdio: ['ignore', out, out],
    });
    child.on('exit', () => (exited = true));
    target = gatewayTarget({ gateway: { port, auth: { mode: 'token', token: `\${${TOKEN_VAR}}` } } }, { [TOKEN_VAR]: token });
    await waitFor('the gateway to answer /health', 120_000, async () => {
      if (exited) throw new Error(`gateway exited early:\n${await gwLog()}`);
      for (const p of descendants(child!.pid!)) family.add(p);
      return (await isGatewayUp(target, 1000)) || undefined;
    }).catch(async (err: unknown) => {
      throw new Error(`${(err as Error).message}\n${await gwLog()}`);
    });
    for (const p of descendants(child.pid!)) family.add(p);
  });

  afterAll(async () => {
    if (child?.pid && !exited) {
      for (const p of descendants(child.pid)) family.add(p);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone
      }
      const deadline = Date.now() + 15_000;
      while (!exited && Date.now() < deadline) await sleep(100);
      if (!exited) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
    // Helpers that started their own process group (the spawn broker) exit with the gateway; make sure.
    const deadline = Date.now() + 5_000;
    while ([...family].some(alive) && Date.now() < deadline) await sleep(100);
    for (const p of family) if (alive(p)) process.kill(p, 'SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('resolves the token from the config template', () => {
    expect(target).toMatchObject({ port, token, credentialSource: 'config', url: `ws://127.0.0.1:${port}` });
  });

  it('config.get reports the file, its hash and the applied revision', async () => {
    const text = await readFile(configPath(), 'utf8');
    first = await waitFor('config.get', 60_000, async () => {
      const s = await gatewayConfigGet(cli, target);
      return s.applied ? s : undefined;
    });
    expect(first).toMatchObject({ valid: true, exists: true, applied: true, path: configPath(), issues: [], warnings: [] });
    expect(first.hash).toMatch(/^hmac-sha256:v1:/);
    expect(first.appliedConfigHash).toBe(first.configRevisionHash);
    expect(gatewayRawMatches(first.raw, text)).toBe(true);
  });

  it('a wrong token is classified as auth and never echoed', async () => {
    const wrong = `wrong-${randomBytes(12).toString('hex')}`;
    const err = await gatewayConfigGet(cli, { ...target, token: wrong }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ kind: 'auth', conflict: false });
    expect((err as Error).message).not.toContain(wrong);
    expect((err as Error).message).not.toContain(token);
  });

  it('sees a direct edit of the file and hot-reloads it', async () => {
    const edited = configText(port, dir, true);
    await writeFile(configPath(), edited);
    const seen = await waitFor('the gateway to apply the edit', 60_000, async () => {
      const s = await gatewayConfigGet(cli, target);
      return gatewayRawMatches(s.raw, edited) && s.applied ? s : undefined;
    });
    expect(seen.hash).not.toBe(first.hash);
    expect(seen.appliedConfigHash).not.toBe(first.appliedConfigHash);
    expect(seen.valid).toBe(true);
  });

  it('an invalid direct edit is reported and not applied', async () => {
    const before = await gatewayConfigGet(cli, target);
    const broken = configText(port, dir, true).replace('bind: "loopback",', 'bind: "loopback", bogusKey: 1,');
    await writeFile(configPath(), broken);
    // An invalid file comes back without `raw`; its new hash says the gateway has read it.
    const seen = await waitFor('the gateway to read the broken file', 60_000, async () => {
      const s = await gatewayConfigGet(cli, target);
      return s.hash !== before.hash ? s : undefined;
    });
    expect(seen).toMatchObject({ valid: false, applied: false, appliedConfigHash: before.appliedConfigHash });
    expect(seen.configRevisionHash).toBeUndefined();
    expect(seen.raw).toBeUndefined();
    expect(seen.issues).toEqual([{ path: 'gateway', message: 'Unrecognized key: "bogusKey"' }]);
    // Put the valid file back for the write tests.
    const restored = configText(port, dir, true);
    await writeFile(configPath(), restored);
    await waitFor('the gateway to read the restored file', 60_000, async () => {
      const s = await gatewayConfigGet(cli, target);
      return gatewayRawMatches(s.raw, restored) && s.applied ? s : undefined;
    });
  });

  it('config.patch with a stale baseHash is a conflict', async () => {
    const err = await gatewayConfigPatch(cli, target, { raw: '{ agents: { defaults: { compaction: { notifyUser: false } } } }', baseHash: first.hash! }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ kind: 'conflict', conflict: true, code: 'conflict', gatewayCode: 'INVALID_REQUEST' });
  });

  it('config.patch with the current hash merges, rewrites the file as JSON and reports the new hash', async () => {
    const now = await gatewayConfigGet(cli, target);
    const r = await gatewayConfigPatch(cli, target, { raw: '{ agents: { defaults: { compaction: { notifyUser: false } } } }', baseHash: now.hash! });
    expect(r).toMatchObject({ noop: false, restartRequired: false, changedPaths: ['agents.defaults.compaction.notifyUser'] });
    const file = await readFile(configPath(), 'utf8');
    expect(file).not.toContain('// Warmclaw gateway test');
    const parsed = JSON.parse(file) as { agents: { defaults: { compaction: { notifyUser: boolean } } }; gateway: { auth: { token: string } } };
    expect(parsed.agents.defaults.compaction.notifyUser).toBe(false);
    expect(parsed.gateway.auth.token).toBe(`\${${TOKEN_VAR}}`); // the template is kept, not its value
    const after = await gatewayConfigGet(cli, target);
    expect(after.hash).toBe(r.hash);
  });

  it('config.apply replaces the whole config', async () => {
    const now = await gatewayConfigGet(cli, target);
    const full = configText(port, dir, true).replace(/\s*agents: .*\n/, '\n');
    const r = await gatewayConfigApply(cli, target, { raw: full, baseHash: now.hash! });
    expect(r.noop).toBe(false);
    const parsed = JSON.parse(await readFile(configPath(), 'utf8')) as Record<string, unknown>;
    expect(parsed.agents).toBeUndefined();
    expect(parsed.gateway).toMatchObject({ port, bind: 'loopback' });
  });

  // Last: config.apply above shrinks the file, and OpenClaw refuses a write that drops the size sharply.
  it("Warmclaw's own writer: a lossless direct write, validated, and confirmed as applied by the gateway", async () => {
    // Start again from a hand-written file with comments (config.apply above rewrote it as JSON).
    const handWritten = configText(port, dir, true);
    await writeFile(configPath(), handWritten);
    await waitFor('the gateway to read the hand-written file', 60_000, async () => {
      const s = await gatewayConfigGet(cli, target);
      return gatewayRawMatches(s.raw, handWritten) && s.applied ? s : undefined;
    });
    const opened = await openConfig({
      flag: configPath(),
      env: { ...process.env, [TOKEN_VAR]: token, WARMCLAW_DATA_DIR: join(dir, 'warmclaw-data') },
      openclawBin: cli.bin,
      // Each `gateway call` spawns the CLI (2–7 s on a busy machine): allow several polls.
      gatewayConfirmMs: 90_000,
    });
    const r = await opened.file.apply({ type: 'add-provider', input: { kind: 'lmstudio', models: [{ id: 'qwen/qwen3-32b', contextWindow: 32768 }] } });
    expect(r.validated).toBe(true);
    expect(r.gateway).toMatchObject({ status: 'applied' });
    const text = await readFile(configPath(), 'utf8');
    expect(text).toContain('// Warmclaw gateway test'); // a direct write keeps comments
    const s = await gatewayConfigGet(cli, target);
    expect(s.applied && s.valid).toBe(true);
    // With an API key on a one-line provider OpenClaw withholds `raw` (it cannot mask it safely); when it
    // does send it, it must be our bytes.
    if (s.raw !== undefined) expect(gatewayRawMatches(s.raw, text)).toBe(true);
  });

  // The file belongs to another user (the gateway's) and Warmclaw may only read it: the change must go
  // through the gateway's config.apply, and the user is told that comments are lost. Needs root (to
  // run the CLI as `nobody` with setpriv); skipped with the reason elsewhere.
  const canDropPrivileges = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
  it.skipIf(!canDropPrivileges)('a file Warmclaw cannot write goes through the gateway (config.apply), and says comments are lost', async () => {
    const handWritten = configText(port, dir, true);
    await writeFile(configPath(), handWritten, { mode: 0o644 });
    await chmod(configPath(), 0o644);
    await chmod(dir, 0o755); // nobody may read the file, not write in its folder
    await waitFor('the gateway to read the file', 60_000, async () => {
      const s = await gatewayConfigGet(cli, target);
      return gatewayRawMatches(s.raw, handWritten) && s.applied ? s : undefined;
    });
    const data = await mkdtemp(join(tmpdir(), 'warmclaw-nobody-'));
    await chmod(data, 0o777);
    const repo = join(__dirname, '..', '..', '..', '..');
    const r = spawnSync(
      '/usr/bin/setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(repo, 'bin', 'warmclaw.mjs'), '--json', '--config', configPath(), '--openclaw-bin', cli.bin, 'config', 'set-primary', 'anthropic/claude-opus-4-6'],
      { env: { PATH: process.env.PATH, HOME: data, WARMCLAW_DATA_DIR: join(data, 'wc'), [TOKEN_VAR]: token, TMPDIR: data }, encoding: 'utf8', timeout: 240_000 },
    );
    await rm(data, { recursive: true, force: true });
    const out = JSON.parse(r.stdout) as { ok: boolean; data?: { gateway?: { status: string; message: string } }; error?: unknown };
    expect(out.ok, `${r.stdout}\n${r.stderr}`).toBe(true);
    expect(out.data?.gateway?.status).toBe('written-through-gateway');
    expect(out.data?.gateway?.message).toMatch(/comments are gone/);
    const parsed = JSON.parse(await readFile(configPath(), 'utf8')) as { agents: { defaults: { model: string } } };
    expect(parsed.agents.defaults.model).toBe('anthropic/claude-opus-4-6');
  });
});

describe('no gateway', () => {
  it('isGatewayUp is false and config.get is unreachable on a closed port', async () => {
    const cli = { bin: await ensureOpenclaw() };
    const target = gatewayTarget({ gateway: { port: await freePort(), auth: { token: 'some-token-value' } } }, {});
    expect(await isGatewayUp(target, 500)).toBe(false);
    const err = await gatewayConfigGet(cli, target).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unreachable', code: 'io' });
  });
});
