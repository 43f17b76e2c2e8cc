// Every agent's effective model, as OpenClaw itself resolves it: its own `model` (entries or the
// legacy list; a bare ref or {primary, fallbacks}) or agents.defaults'. A bare ref or a {primary}
// without `fallbacks` runs with NO fallbacks (OpenClaw's resolveSelectedModelFallbacksOverride). The
// primaries are checked against the real `openclaw agents list --json`; `warmclaw config agents` prints them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureOpenclaw } from '../../../../scripts/ensure-openclaw.mjs';
import { agentRoutings, openclawAgentId } from '../../../../src/main/core/openclaw/agents';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';
import { findOpenclaw, isolatedEnv, runOpenclaw, type OpenclawCli } from '../../../../src/main/core/openclaw/openclaw-cli';
import { cliRunner } from '../../../helpers/cli';
import { ownCorpusDir } from '../../../helpers/corpus';
import { tempDir } from '../../../helpers/tmp';

const ENTRIES = `{
  models: { providers: { ollama: { baseUrl: "http://127.0.0.1:9", api: "ollama", models: [{ id: "qwen3:8b", name: "q" }] } } },
  agents: {
    ownership: "explicit",
    defaults: { model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: ["ollama/qwen3:8b"] } },
    entries: {
      main: {},
      coder: { model: "ollama/qwen3:8b" },
      writer: { model: { primary: "anthropic/claude-opus-4-6" } },
      careful: { model: { primary: "openai/gpt-5.2", fallbacks: ["anthropic/claude-opus-4-6"] } },
      spare: { model: { fallbacks: [] } },
    },
  },
}
`;
/** Keys as a person may type them: OpenClaw knows these agents as `coder` and `writer_bot`. */
const CASED = `{
  models: { providers: { ollama: { baseUrl: "http://127.0.0.1:9", api: "ollama", models: [{ id: "qwen3:8b", name: "q" }] } } },
  agents: {
    ownership: "explicit",
    defaults: { model: { primary: "anthropic/claude-sonnet-4-6" } },
    entries: { Coder: { model: "ollama/qwen3:8b" }, Writer_Bot: { model: "anthropic/claude-opus-4-6" } },
  },
}
`;
const LIST = readFileSync(join(ownCorpusDir, 'real', 'agents-list-default.json5'), 'utf8');

let cli: OpenclawCli;
beforeAll(async () => {
  const found = await findOpenclaw({ configuredPath: await ensureOpenclaw() });
  if (!found) throw new Error('the pinned OpenClaw CLI in .cache/openclaw did not run');
  cli = found;
}, 120_000);

/** OpenClaw's own answer: `openclaw agents list --json` on `text` (id -> effective primary). */
async function openclawPrimaries(text: string): Promise<Record<string, string>> {
  const dir = tempDir();
  const path = join(dir, 'openclaw.json');
  writeFileSync(path, text);
  const r = await runOpenclaw(cli, ['agents', 'list', '--json'], { env: isolatedEnv(dir, process.env, { OPENCLAW_CONFIG_PATH: path }), timeoutMs: 60_000 });
  const list = JSON.parse(r.stdout) as { id: string; model?: string }[];
  return Object.fromEntries(list.map((a) => [a.id, a.model ?? '']));
}

describe('agent routing', () => {
  it('entries: own ref, own {primary}, own {primary, fallbacks}, and agents that follow the defaults', () => {
    expect(agentRoutings(parseDocument(ENTRIES))).toEqual([
      { id: 'main', primary: 'anthropic/claude-sonnet-4-6', fallbacks: ['ollama/qwen3:8b'], primaryFrom: 'defaults', fallbacksFrom: 'defaults' },
      { id: 'coder', primary: 'ollama/qwen3:8b', fallbacks: [], primaryFrom: 'agent', fallbacksFrom: 'agent' },
      { id: 'writer', primary: 'anthropic/claude-opus-4-6', fallbacks: [], primaryFrom: 'agent', fallbacksFrom: 'agent' },
      { id: 'careful', primary: 'openai/gpt-5.2', fallbacks: ['anthropic/claude-opus-4-6'], primaryFrom: 'agent', fallbacksFrom: 'agent' },
      { id: 'spare', primary: 'anthropic/claude-sonnet-4-6', fallbacks: [], primaryFrom: 'defaults', fallbacksFrom: 'agent' },
    ]);
  });

  it('the legacy agents.list (corpus): ids from the entries, the coder on its own local model', () => {
    const routes = agentRoutings(parseDocument(LIST));
    const coder = routes.find((a) => a.id === 'coder');
    expect(coder).toEqual({ id: 'coder', primary: 'lmstudio/openai/gpt-oss-20b', fallbacks: [], primaryFrom: 'agent', fallbacksFrom: 'agent' });
    for (const a of routes.filter((x) => x.id !== 'coder')) expect(a).toMatchObject({ primary: 'openai/gpt-5', fallbacks: ['lmstudio/openai/gpt-oss-20b'], primaryFrom: 'defaults' });
  });

  it.each([
    ['entries', ENTRIES],
    ['legacy list', LIST],
    ['entries keyed in mixed case', CASED],
  ])('%s: every agent id and primary equals the one the real OpenClaw resolves', async (_name, text) => {
    const ours = Object.fromEntries(agentRoutings(parseDocument(text)).map((a) => [a.id, a.primary]));
    expect(ours).toEqual(await openclawPrimaries(text));
  }, 120_000);

  it("OpenClaw's agent-id rule: case, runs of other characters, edges, length, and nothing left", () => {
    expect(openclawAgentId('Coder')).toBe('coder');
    expect(openclawAgentId(' Writer_Bot ')).toBe('writer_bot');
    expect(openclawAgentId('my agent!!v2')).toBe('my-agent-v2');
    expect(openclawAgentId('--x--')).toBe('x');
    expect(openclawAgentId('a'.repeat(70))).toHaveLength(64);
    expect(openclawAgentId('***')).toBe('main');
  });

  it('warmclaw config agents: text and --json, naming the agents "use local first" will not move', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, ENTRIES);
    mkdirSync(join(dir, 'data'), { recursive: true });
    const env = { HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: path, PATH: '/usr/bin:/bin' };
    const run = cliRunner(env);
    const text = await run('config', 'agents');
    expect(text.code, text.out).toBe(0);
    expect(text.out).toMatch(/^coder {2}ollama\/qwen3:8b \(local, its own\)$/m);
    expect(text.out).toMatch(/^main {2}anthropic\/claude-sonnet-4-6 \(hosted, from defaults\)$/m);
    expect(text.out.match(/does not move it/g)).toHaveLength(3);
    const json = await run('--json', 'config', 'agents');
    const data = (JSON.parse(json.out) as { data: { agents: { id: string; local: boolean; followsLocalFirst: boolean }[] } }).data;
    expect(data.agents.map((a) => [a.id, a.local, a.followsLocalFirst])).toEqual([
      ['main', false, true],
      ['coder', true, false],
      ['writer', false, false],
      ['careful', false, false],
      ['spare', false, true],
    ]);
    expect(readFileSync(path, 'utf8')).toBe(ENTRIES);
  });
});
