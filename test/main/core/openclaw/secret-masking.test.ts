// Secrets never shown in full (audit item 3): the diff of a preview, an apply, an undo and a restore,
// through ConfigFile, the API and the CLI (plain and --json), masks API keys, the gateway token,
// passwords and auth headers; the file itself still gets (and keeps) the real values.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EditCommand } from '../../../../src/shared/config-edits';
import { createApiHandler } from '../../../../src/main/core/api/handler';
import { redactSecrets } from '../../../../src/main/core/log/logger';
import { ConfigFile } from '../../../../src/main/core/openclaw/config-file';
import { maskSecrets } from '../../../../src/main/core/openclaw/masked-diff';
import { WarmclawService } from '../../../../src/main/core/service';
import { runCli } from '../../../../src/main/daemon/cli';
import { tempDir } from '../../../helpers/tmp';

const PROVIDER_KEY = 'sk-live-4f9a8b7c6d5e4f3a2b1c';
const GATEWAY_TOKEN = 'gw-tok-0123456789abcdef0123456789';
const PASSWORD = 'hunter22'; // short: masked where it stands, not everywhere
const BEARER = 'Bearer abcdefghijklmnopqrstuv';
const NEW_KEY = 'lmstudio-secret-ABCDEFGH12345';
const SECRETS = [PROVIDER_KEY, GATEWAY_TOKEN, PASSWORD, 'abcdefghijklmnopqrstuv', NEW_KEY];

// Everything sits within the diff's three lines of context of the edited line.
const CONFIG = `{
  gateway: { mode: "local", auth: { token: "${GATEWAY_TOKEN}", password: "${PASSWORD}" } },
  // old key was ${PROVIDER_KEY}
  models: { providers: { remote: { baseUrl: "https://example.invalid/v1", apiKey: "${PROVIDER_KEY}", headers: { Authorization: "${BEARER}" }, api: "openai-completions", models: [] } } },
}
`;

const ADD: EditCommand = { type: 'add-provider', input: { kind: 'lmstudio', id: 'wc-lmstudio', apiKey: NEW_KEY, models: [{ id: 'qwen/qwen3-32b', contextWindow: 32768 }] } };

function expectNoSecret(shown: string): void {
  for (const s of SECRETS) expect(shown).not.toContain(s);
}

function setup() {
  const dir = tempDir();
  const path = join(dir, 'openclaw.json');
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(path, CONFIG);
  return { dir, path, data };
}

describe('secrets in diffs', () => {
  it('ConfigFile preview, apply, previewUndo, undo and previewRestore mask them; the file gets the real values', async () => {
    const { path, data } = setup();
    const cf = new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir: data, validator: null });
    const preview = await cf.preview(ADD);
    expect(preview.diff).toContain('+');
    expect(preview.diff).toContain('sk••••1c'); // the shared mask: two characters either side
    expectNoSecret(preview.diff);
    const applied = await cf.apply(ADD);
    expectNoSecret(JSON.stringify(applied));
    const written = readFileSync(path, 'utf8');
    for (const s of [PROVIDER_KEY, GATEWAY_TOKEN, PASSWORD, BEARER, NEW_KEY]) expect(written).toContain(s);
    expectNoSecret(JSON.stringify(await cf.previewUndo()));
    expectNoSecret(JSON.stringify(await cf.previewRestore(applied.backup!.id)));
    expectNoSecret(JSON.stringify(await cf.undo()));
    expect(readFileSync(path, 'utf8')).toBe(CONFIG);
  });

  it('the API (web UI) preview, apply and undo mask them', async () => {
    const { dir, path, data } = setup();
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));
    const service = await WarmclawService.open({ env: { HOME: dir, OPENCLAW_CONFIG_PATH: path }, dataDir: data, scan: false, openclawBin: join(dir, 'none') });
    try {
      const api = createApiHandler(service, { env: {}, checkOutputs: true });
      const shown = [await api('config.preview', ADD), await api('config.apply', ADD), await api('config.previewUndo', undefined), await api('config.undo', {})];
      for (const r of shown) expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
      expectNoSecret(JSON.stringify(shown));
      expect(readFileSync(path, 'utf8')).toBe(CONFIG);
    } finally {
      await service.stop();
    }
  });

  it('the CLI `config diff` (plain and --json) and --json apply / undo mask them', async () => {
    const { dir, path, data } = setup();
    const env = { HOME: dir, WARMCLAW_DATA_DIR: data, OPENCLAW_CONFIG_PATH: path, PATH: '/usr/bin:/bin' };
    const out: string[] = [];
    const run = (...args: string[]) => runCli(['--openclaw-bin', join(dir, 'none'), ...args], { out: (s) => out.push(s), err: (s) => out.push(s), env });
    const add = ['add-provider', 'lmstudio', '--id', 'wc-lmstudio', '--model', 'qwen/qwen3-32b', '--api-key', NEW_KEY];
    expect(await run('config', 'diff', ...add)).toBe(0);
    expect(await run('--json', 'config', 'diff', ...add)).toBe(0);
    expect(await run('--json', 'config', ...add)).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain(NEW_KEY);
    expect(await run('--json', 'config', 'undo')).toBe(0);
    expect(out.join('\n')).toContain('@@');
    expectNoSecret(out.join('\n'));
    expect(readFileSync(path, 'utf8')).toBe(CONFIG);
  });
});

describe('the one secret rule', () => {
  it('masks by key name in text that does not parse, by value where the key is elsewhere, and keeps ${VAR} references', () => {
    const broken = `{ apiKey: "${PROVIDER_KEY}", token: 'short1', env: { X: "${PROVIDER_KEY}" }, other: "\${OPENAI_KEY}", apiKey2: "\${OPENAI_KEY}" `;
    const shown = maskSecrets(broken, [broken]);
    expect(shown).not.toContain(PROVIDER_KEY);
    expect(shown).not.toContain('short1');
    expect(shown).toContain('"${OPENAI_KEY}"');
    const fine = `{ providers: { lmstudio: { apiKey: "lmstudio" } }, agents: { list: ["lmstudio"] }, maxTokens: 4096 }`;
    // A short placeholder key is masked where it is the key's value, not where it names a provider.
    expect(maskSecrets(fine, [fine])).toBe(`{ providers: { lmstudio: { apiKey: "••••" } }, agents: { list: ["••••"] }, maxTokens: 4096 }`);
  });

  it('the logger and the diffs agree on what is secret (token counts are not)', () => {
    expect(redactSecrets({ apiKey: 'x1', gatewayToken: 'x2', maxTokens: 4096, Authorization: 'x3' })).toEqual({ apiKey: '[redacted]', gatewayToken: '[redacted]', maxTokens: 4096, Authorization: '[redacted]' });
  });
});
