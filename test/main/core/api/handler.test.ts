// The contract handler without a transport: input parsing, error payloads (with line/column for a
// broken file), key masking, the tray summary's precedence and settings patches that keep the rest.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiOutput, ApiResult } from '../../../../src/shared/contract';
import { contract } from '../../../../src/shared/contract';
import { defaultSettings } from '../../../../src/shared/settings';
import type { EndpointStatus } from '../../../../src/shared/status';
import { createApiHandler, maskKey, traySummary, type ApiHandler } from '../../../../src/main/core/api/handler';
import { WarmclawService } from '../../../../src/main/core/service';
import { tempDir } from '../../../helpers/tmp';
import { english } from '../../../../src/shared/messages';
import { sayMessage } from '../../../../src/renderer/src/i18n/messages';

let service: WarmclawService;
let api: ApiHandler;
let config: string;

beforeAll(async () => {
  const dir = tempDir();
  config = join(dir, 'openclaw.json');
  writeFileSync(config, '{\n  // mine\n  agents: { defaults: { model: "anthropic/claude-opus-4-6" } },\n}\n');
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));
  service = await WarmclawService.open({ env: { HOME: dir, OPENCLAW_CONFIG_PATH: config }, dataDir: data, scan: false, openclawBin: join(dir, 'none') });
  api = createApiHandler(service, { env: {}, checkOutputs: true });
});
afterAll(async () => service.stop());

const endpoint = (over: Partial<EndpointStatus>): EndpointStatus => ({ id: 'http://127.0.0.1:1234', baseUrl: 'http://127.0.0.1:1234', source: 'config', health: 'up', latencyWindow: [], models: [], ...over });

describe('api handler', () => {
  it('masks API keys: never the key, a hint only for long keys, env refs by name', () => {
    expect(maskKey(undefined)).toEqual({ state: 'not-set' });
    expect(maskKey('')).toEqual({ state: 'not-set' });
    expect(maskKey('lm-studio')).toEqual({ state: 'set' });
    expect(maskKey('lm-studio-0123456789-io')).toEqual({ state: 'set', hint: 'lm••••io' });
    expect(maskKey('${LMS_KEY}')).toEqual({ state: 'env', hint: 'LMS_KEY' });
  });

  it('ranks the tray state: config-problem > local-down > paused > warming > all-warm / watching', () => {
    const s = defaultSettings();
    const paused = { ...s, warm: { ...s.warm, paused: true } };
    const down = endpoint({ health: 'down', lastError: 'refused' });
    const cold = endpoint({ models: [{ id: 'm', state: 'not-loaded', warm: { enabled: true, pings: 0, coldStarts: 0 } }] });
    expect(traySummary([down], paused, 'broken').state).toBe('config-problem');
    expect(traySummary([down], paused, undefined).state).toBe('local-down');
    const warm = endpoint({ models: [{ id: 'm', state: 'loaded', warm: { enabled: true, pings: 1, coldStarts: 0 } }] });
    // A scanned server stopping is not the user's problem; with nothing kept warm the app just watches.
    expect(traySummary([endpoint({ source: 'scan', health: 'down' })], s, undefined).state).toBe('watching');
    expect(traySummary([endpoint({ source: 'scan', health: 'down' }), warm], s, undefined).state).toBe('all-warm');
    // An unreachable configured server is as down as a stopped one.
    expect(traySummary([endpoint({ health: 'down', reach: 'no-answer' })], s, undefined).state).toBe('local-down');
    expect(traySummary([cold], paused, undefined).state).toBe('paused');
    expect(traySummary([cold], s, undefined).state).toBe('warming');
    expect(traySummary([endpoint({ health: 'unknown' })], s, undefined).state).toBe('warming');
    // "All warm" only when something is kept warm and all of it is loaded; servers with nothing kept
    // warm (every model "Not loaded") are watched, not "all warm".
    expect(traySummary([endpoint({ models: [{ id: 'm', state: 'not-loaded' }] })], s, undefined)).toMatchObject({ state: 'watching', reasonKey: 'nothing-kept-warm' });
    expect(traySummary([warm], s, undefined).state).toBe('all-warm');
    // Generic reasons carry a key the UI translates; reasons quoting a server do not.
    expect(traySummary([warm], s, undefined)).toMatchObject({ reasonKey: 'every-model-warm' });
    expect(traySummary([], s, undefined)).toMatchObject({ reasonKey: 'no-servers' });
    expect(traySummary([cold], s, undefined)).toMatchObject({ reasonKey: 'warming', models: ['m'] });
    expect(traySummary([down], s, undefined).reasonKey).toBeUndefined();
  });

  it('refuses unknown names and bad inputs as values, never by throwing', async () => {
    expect(await api('nope', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await api('__proto__', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await api('config.apply', { type: 'set-primary', input: { ref: 'no slash' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('patches settings without resetting what the patch does not name, and announces it', async () => {
    await api('settings.update', { failover: { enabled: true, downForSec: 90 } });
    const events: ApiEvent[] = [];
    const off = api.subscribe((ev) => events.push(ev));
    const r = await api('settings.update', { failover: { stableForSec: 300 } });
    off();
    expect(r.ok).toBe(true);
    expect(service.settings.get().failover).toEqual({ enabled: true, downForSec: 90, stableForSec: 300 });
    expect(service.settings.get().scan.enabled).toBe(false);
    expect(events).toEqual([{ type: 'config-changed', what: 'settings', path: service.settings.path }]);
  });

  it('config.get says exactly which order "local first off" brings back (not "usually")', async () => {
    await service.config.file.apply({ type: 'add-provider', input: { kind: 'ollama', id: 'ollama', models: [{ id: 'qwen3:8b' }] } } as never);
    const view = async () => {
      const r = await api('config.get', undefined);
      expect(r.ok).toBe(true);
      return contract['config.get'].output.parse(r.ok ? r.data : undefined).localFirst;
    };
    expect(await view()).toEqual({ on: false, remembered: false });
    await service.config.file.apply({ type: 'local-first-on', input: { localRef: 'ollama/qwen3:8b' } });
    // The file had a bare hosted primary and no fallback: that is what comes back, with no local fallback.
    expect(await view()).toEqual({ on: true, remembered: true, restores: { primary: 'anthropic/claude-opus-4-6', fallbacks: [] } });
  });

  it('sends every sentence as a code the UI translates, with the English beside it', async () => {
    writeFileSync(
      config,
      '{\n  agents: { defaults: { model: { primary: "lmstudio/q" } } },\n  models: { providers: { lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", models: [{ id: "q", name: "q" }] } } },\n}\n',
    );
    const view = (await api('config.get', undefined)) as ApiResult<ApiOutput<'config.get'>>;
    expect(view.ok).toBe(true);
    if (!view.ok) return;
    const finding = view.data.warnings.find((w) => w.code === 'compaction-off')!;
    expect(finding.msg).toEqual({ code: 'lint.compaction-off', params: {} });
    expect(finding.message).toBe(english(finding.msg!));
    expect(finding.fix?.labelMsg).toEqual({ code: 'fix.enable-compaction', params: {} });
    expect(sayMessage(finding.fix!.labelMsg, finding.fix!.label, 'vi')).toBe('Bật nén gọn an toàn');

    const applied = await api('config.apply', finding.fix!.command);
    expect(applied).toMatchObject({ ok: true, data: { summary: 'Compaction set to "safeguard"', summaryMsg: { code: 'edit.compaction', params: {} }, backup: { reasonMsg: { code: 'edit.compaction' } } } });
    const backups = (await api('config.backups', undefined)) as ApiResult<ApiOutput<'config.backups'>>;
    expect(backups.ok && backups.data[0]).toMatchObject({ reason: 'Compaction set to "safeguard"', reasonMsg: { code: 'edit.compaction', params: {} } });
    const undo = (await api('config.previewUndo', undefined)) as ApiResult<ApiOutput<'config.previewUndo'>>;
    expect(undo.ok && sayMessage(undo.data.summaryMsg, undo.data.summary, 'vi')).toBe('Hoàn tác: Đặt nén gọn thành "safeguard"');

    const refused = await api('config.apply', { type: 'set-limits', input: { ref: 'nobody/q', contextWindow: 32768 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found', msg: { code: 'error.no-provider', params: { provider: 'nobody' } } } });
    if (!refused.ok) expect(sayMessage(refused.error.msg, refused.error.message, 'vi')).toContain('Không có nhà cung cấp "nobody"');
  });

  it('refuses a model the provider does not list, with the closest names, in preview and apply (one rule for CLI and API)', async () => {
    writeFileSync(config, '{\n  models: { providers: { litellm: { baseUrl: "http://127.0.0.1:4000/v1", models: [{ id: "gpt-4o", name: "GPT-4o" }] } } },\n  agents: { defaults: { model: "litellm/gpt-4o" } },\n}\n');
    for (const name of ['config.preview', 'config.apply'] as const) {
      const r = await api(name, { type: 'set-fallbacks', input: { refs: ['litellm/gpt-4oo'] } });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', suggestions: ['litellm/gpt-4o'] } });
      if (!r.ok) expect(r.error.message).toContain('Did you mean litellm/gpt-4o?');
    }
  });

  it('an edit reports the lint warnings it adds, not those the file already had', async () => {
    // Already there: a fallback to a provider nobody declared. Added by the edit: another one.
    writeFileSync(config, '{\n  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["nosuch/model-a"] } } },\n}\n');
    const r = await api('config.preview', { type: 'set-primary', input: { ref: 'nosuch2/model-b' } });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const warnings = contract['config.preview'].output.parse(r.data).warnings;
      expect(warnings.map((w) => w.code)).toEqual(['unknown-provider']);
      expect(warnings[0]!.message).toContain('nosuch2/model-b');
    }
    const applied = await api('config.apply', { type: 'set-primary', input: { ref: 'nosuch2/model-b' } });
    expect(applied.ok && applied.data).toMatchObject({ changed: true, warnings: [{ code: 'unknown-provider' }] });
  });

  it('reports a broken config with its line and column, and the tray says config-problem', async () => {
    writeFileSync(config, '{\n  agents: { defaults: { model: "x" } ,\n');
    const r = await api('config.get', undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-file');
      expect(r.error.line).toBeGreaterThan(0);
      expect(r.error.column).toBeGreaterThan(0);
      expect(r.error).not.toHaveProperty('file');
    }
    const status = await api('status', {});
    expect(status.ok).toBe(true);
    if (status.ok) {
      expect(contract.status.output.parse(status.data).summary.state).toBe('config-problem');
    }
    expect(await api('config.apply', { type: 'set-primary', input: { ref: 'anthropic/claude-opus-4-6' } })).toMatchObject({ ok: false, error: { code: 'invalid-file' } });
  });
});
