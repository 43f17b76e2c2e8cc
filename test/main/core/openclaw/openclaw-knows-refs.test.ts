// Warmclaw's model-ref rules against the real OpenClaw 2026.9.6 (.cache/openclaw):
// - a ref Warmclaw refuses (a model a declared provider does not list) is one OpenClaw's own model
//   list does not have; the listed one it accepts, OpenClaw lists;
// - the refs Warmclaw warns about (catalog check, a dry run of OpenClaw's `config set`) are exactly
//   those OpenClaw's real `config set` refuses as "Unknown model"; the others it writes;
// - `warmclaw config set-primary` prints that warning after the write, and only for such a ref.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureOpenclaw } from '../../../../scripts/ensure-openclaw.mjs';
import { WarmclawError } from '../../../../src/main/core/errors';
import { runEdit } from '../../../../src/main/core/openclaw/edits';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';
import { findOpenclaw, isolatedEnv, parseJsonOutput, runOpenclaw, withTempDir, type OpenclawCli } from '../../../../src/main/core/openclaw/openclaw-cli';
import { refsUnknownToOpenclaw } from '../../../../src/main/core/openclaw/openclaw-model-catalog';
import { runCli } from '../../../../src/main/daemon/cli';
import { createApiHandler } from '../../../../src/main/core/api/handler';
import { WarmclawService } from '../../../../src/main/core/service';
import type { ApiEvent } from '../../../../src/shared/contract';
import { mapLimited } from '../../../helpers/pool';
import { tempDir } from '../../../helpers/tmp';

let cli: OpenclawCli;
beforeAll(async () => {
  const found = await findOpenclaw({ configuredPath: await ensureOpenclaw() });
  if (!found) throw new Error('the pinned OpenClaw CLI in .cache/openclaw did not run');
  cli = found;
});

const PROVIDERS = `models: {
    mode: "merge",
    providers: {
      litellm: { baseUrl: "http://127.0.0.1:4000/v1", api: "openai-responses", apiKey: "sk-litellm-local", models: [{ id: "gpt-4o", name: "GPT-4o" }] },
      lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", api: "openai-responses", apiKey: "lmstudio", models: [{ id: "qwen/qwen3-32b", name: "Qwen3 32B" }] },
    },
  },`;
const BASE = `{\n  ${PROVIDERS}\n  agents: { defaults: { model: { primary: "litellm/gpt-4o" } } },\n}\n`;

/** Runs the real CLI on `text` in a private home; the config file is what OPENCLAW_CONFIG_PATH names. */
function openclawOn(text: string, args: string[]) {
  return withTempDir(async (dir) => {
    const env = isolatedEnv(dir);
    await writeFile(env.OPENCLAW_CONFIG_PATH!, text, { mode: 0o600 });
    return runOpenclaw(cli, args, { env, timeoutMs: 90_000, cwd: dir });
  });
}

describe('refs Warmclaw refuses are refs OpenClaw does not have', () => {
  it("a model the provider does not list: refused here, absent from OpenClaw's model list; the listed one is there", async () => {
    const typos = ['litellm/gpt-4oo', 'lmstudio/qwen/qwen3-32bb'];
    for (const ref of typos) {
      expect(() => runEdit(parseDocument(BASE), { type: 'set-primary', input: { ref } })).toThrow(WarmclawError);
    }
    const good = ['litellm/gpt-4o', 'lmstudio/qwen/qwen3-32b'];
    for (const ref of good) expect(() => runEdit(parseDocument(BASE), { type: 'set-primary', input: { ref } })).not.toThrow();
    // Written by hand into the routing, so OpenClaw's list of configured models is asked about each.
    const text = BASE.replace('model: { primary: "litellm/gpt-4o" }', `model: { primary: "litellm/gpt-4o", fallbacks: ${JSON.stringify(['lmstudio/qwen/qwen3-32b', ...typos])} }`);
    const r = await openclawOn(text, ['models', 'list', '--json']);
    expect(r.code).toBe(0);
    const keys = ((parseJsonOutput(r.stdout) as { models: { key: string }[] }).models ?? []).map((m) => m.key);
    for (const ref of good) expect(keys).toContain(ref);
    for (const ref of typos) expect(keys).not.toContain(ref);
  }, 120_000);
});

describe("the catalog check is OpenClaw's own verdict", () => {
  const refs = ['anthropic/claude-sonnet-4-5', 'openai/gpt-5.1', 'anthropic/claude-opus-4-6', 'litellm/gpt-4o'];
  const unknown = ['anthropic/claude-sonnet-4-5', 'openai/gpt-5.1'];

  it('flags exactly the refs that `openclaw config set` refuses as "Unknown model", and it writes the others', async () => {
    const flagged = await refsUnknownToOpenclaw(cli, BASE, refs);
    expect(flagged.map((f) => f.ref).sort()).toEqual([...unknown].sort());
    const verdicts = await mapLimited(refs, (ref) => openclawOn(BASE, ['config', 'set', 'agents.defaults.model.primary', ref]));
    refs.forEach((ref, i) => {
      const v = verdicts[i]!;
      if (unknown.includes(ref)) {
        expect(v.code, ref).not.toBe(0);
        expect(`${v.stdout}${v.stderr}`).toContain(`Unknown model: ${ref}`);
      } else {
        expect(v.code, `${ref}: ${v.stderr}`).toBe(0);
      }
    });
  }, 600_000);

  /** `warmclaw …` in process, on a fresh copy of `text`, validating with the pinned OpenClaw. */
  const cliOn = async (text: string) => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    await writeFile(path, text, { mode: 0o600 });
    const env = { HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: path, PATH: process.env.PATH ?? '' };
    return async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([...args, '--openclaw-bin', cli.bin], { out: (s) => out.push(s), err: (s) => err.push(s), env });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
  };

  it('warmclaw config set-primary warns after the write about a ref OpenClaw does not know, and not about one it knows', async () => {
    const run = await cliOn(BASE);
    const bad = await run('config', 'set-primary', 'anthropic/claude-sonnet-4-5');
    expect(bad.code).toBe(0);
    expect(bad.out).toMatch(/warning: anthropic\/claude-sonnet-4-5: OpenClaw does not know this model \("Unknown model: anthropic\/claude-sonnet-4-5\."\)/);
    const good = await run('config', 'set-primary', 'anthropic/claude-opus-4-6');
    expect(good.code).toBe(0);
    expect(good.out).not.toContain('does not know');
  }, 600_000);

  it('warmclaw config validate --openclaw asks about every ref the file names (warnings, exit 0)', async () => {
    const run = await cliOn(BASE.replace('model: { primary: "litellm/gpt-4o" }', 'model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.1", "litellm/gpt-4o"] }'));
    const validate = await run('config', 'validate', '--openclaw');
    expect(validate.code).toBe(0);
    expect(validate.out).toContain('warning: openai/gpt-5.1: OpenClaw does not know');
    expect(validate.out).not.toMatch(/claude-opus-4-6: OpenClaw does not know|litellm\/gpt-4o: OpenClaw does not know/);
  }, 600_000);

  it('through the API (the app, the web UI): the write returns at once, the warning follows as a config-checked event', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    await writeFile(path, BASE, { mode: 0o600 });
    const dataDir = join(dir, 'data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));
    const service = await WarmclawService.open({ env: { HOME: dir, OPENCLAW_CONFIG_PATH: path, PATH: process.env.PATH ?? '' }, dataDir, scan: false, openclawBin: cli.bin });
    try {
      const api = createApiHandler(service, { checkOutputs: true });
      const checked = new Promise<Extract<ApiEvent, { type: 'config-checked' }>>((resolveEvent) => {
        const off = api.subscribe((ev) => {
          if (ev.type === 'config-checked') {
            off();
            resolveEvent(ev);
          }
        });
      });
      const r = await api('config.apply', { type: 'set-alias', input: { ref: 'openai/gpt-5.1', alias: 'gpt' } });
      expect(r.ok).toBe(true);
      const ev = await checked;
      expect(ev.warnings).toMatchObject([{ code: 'unknown-to-openclaw', message: expect.stringContaining('openai/gpt-5.1') }]);
    } finally {
      await service.stop();
    }
  }, 600_000);
});
