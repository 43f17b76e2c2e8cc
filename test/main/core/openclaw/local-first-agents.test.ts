// Per-agent models win over agents.defaults (OpenClaw #106504): "use local first" says which agents
// will not follow and offers to cover them in the same change; "off" puts their own models back.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { effectiveAgentModels } from '../../../../src/main/core/openclaw/agents';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';
import { runCli } from '../../../../src/main/daemon/cli';
import { tempDir } from '../../../helpers/tmp';

const FILE = `{
  models: { providers: { ollama: { baseUrl: "http://127.0.0.1:9", api: "ollama", models: [{ id: "qwen3:8b", name: "q" }] } } },
  agents: {
    defaults: { model: "anthropic/claude-sonnet-4-6" },
    entries: {
      main: { default: true },
      coder: { model: "openai/gpt-5.2" }, // the coding agent
      writer: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2"] } },
    },
  },
}
`;

function setup() {
  const dir = tempDir();
  const path = join(dir, 'openclaw.json');
  writeFileSync(path, FILE);
  mkdirSync(join(dir, 'data'), { recursive: true });
  const env = { HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: path, PATH: '/usr/bin:/bin' };
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const code = await runCli(args, { out: (s) => out.push(s), err: (s) => out.push(s), env });
    return { code, out: out.join('\n') };
  };
  return { path, run };
}

describe('local first and per-agent models', () => {
  it('reads each agent\'s effective model', () => {
    expect(effectiveAgentModels(parseDocument(FILE))).toEqual([
      { id: 'coder', primary: 'openai/gpt-5.2', own: true },
      { id: 'writer', primary: 'anthropic/claude-opus-4-6', own: true },
    ]);
  });

  it('"on" names the agents that will not follow; --agents covers them; "off" gives them their own model back', async () => {
    const { path, run } = setup();
    const on = await run('local-first', 'on');
    expect(on.code).toBe(0);
    expect(on.out).toMatch(/will not use the local model first: coder \(openai\/gpt-5\.2\), writer \(anthropic\/claude-opus-4-6\)/);
    let v = JSON5.parse(readFileSync(path, 'utf8'));
    expect(v.agents.defaults.model).toEqual({ primary: 'ollama/qwen3:8b', fallbacks: ['anthropic/claude-sonnet-4-6'] });
    expect(v.agents.entries.coder.model).toBe('openai/gpt-5.2');

    const cover = await run('local-first', 'on', '--agents');
    expect(cover.code, cover.out).toBe(0);
    v = JSON5.parse(readFileSync(path, 'utf8'));
    expect(v.agents.entries.coder.model).toEqual({ primary: 'ollama/qwen3:8b', fallbacks: ['openai/gpt-5.2'] });
    expect(v.agents.entries.writer.model).toEqual({ primary: 'ollama/qwen3:8b', fallbacks: ['anthropic/claude-opus-4-6', 'openai/gpt-5.2'] });
    expect(readFileSync(path, 'utf8')).toContain('// the coding agent');

    expect((await run('local-first', 'off')).code).toBe(0);
    // The defaults from before the first "on", and every agent's own model, exactly.
    expect(JSON5.parse(readFileSync(path, 'utf8'))).toEqual(JSON5.parse(FILE));
  });
});
