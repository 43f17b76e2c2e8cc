import { describe, expect, it } from 'vitest';
import type { ConfigView } from '../../../../src/shared/contract';
import { apiNames, contract, traySummaryStates } from '../../../../src/shared/contract';
import { defaultSettings, type Settings } from '../../../../src/shared/settings';
import type { EndpointStatus } from '../../../../src/shared/status';
import { MAX_TRAY_ENDPOINTS, anyLoading, clipLabel, keepWarmRefsOf, trayIconFor, trayMenuModel, trayTooltip, type StatusView, type TrayMenuItem } from '../../../../src/main/core/tray/tray-menu';

function endpoint(over: Partial<EndpointStatus> = {}): EndpointStatus {
  return {
    id: 'http://127.0.0.1:1234',
    baseUrl: 'http://127.0.0.1:1234',
    kind: 'lmstudio',
    source: 'config',
    providerId: 'lmstudio',
    health: 'up',
    latencyWindow: [],
    models: [
      { id: 'qwen3-8b', ref: 'lmstudio/qwen3-8b', state: 'loaded', warm: { enabled: true, pings: 3, coldStarts: 0 } },
      { id: 'gemma-3', state: 'not-loaded' },
    ],
    ...over,
  };
}

function status(endpoints: EndpointStatus[] = [endpoint()], state: StatusView['summary']['state'] = 'all-warm'): StatusView {
  return {
    endpoints,
    failover: { enabled: false, mode: 'local', healthy: true, reason: '', switches: 0 },
    summary: { state, reason: 'Every local model is warm.' },
  };
}

function config(over: Partial<ConfigView> = {}): ConfigView {
  return {
    path: '/home/u/.openclaw/openclaw.json',
    source: 'default',
    exists: true,
    readOnly: false,
    routing: { primary: 'lmstudio/qwen3-8b', fallbacks: ['anthropic/claude'] },
    localFirst: { on: true, remembered: true },
    providers: [{ id: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1', local: true, apiKey: { state: 'not-set' }, models: [{ id: 'qwen3-8b' }] }],
    aliases: [],
    warnings: [],
    openclaw: { ran: false, issues: [] },
    ...over,
  };
}

const byId = (items: TrayMenuItem[], id: string) => items.find((i) => i.id === id);

/** Every API action in the menu must be a call the contract accepts as is. */
function expectValidCalls(items: TrayMenuItem[]) {
  for (const item of items) {
    if (item.action?.kind !== 'api') continue;
    for (const call of item.action.calls) {
      expect(apiNames).toContain(call.name);
      expect(contract[call.name].input.safeParse(call.input).success, `${item.id}: ${JSON.stringify(call)}`).toBe(true);
    }
  }
}

describe('trayMenuModel', () => {
  it('offers Unload for each loaded configured model, with the memory it frees', () => {
    const e = endpoint({ models: [
      { id: 'qwen3-8b', ref: 'lmstudio/qwen3-8b', state: 'loaded', vramBytes: 5_600_000_000 },
      { id: 'llama', ref: 'lmstudio/llama', state: 'loaded' },
      { id: 'gemma-3', ref: 'lmstudio/gemma-3', state: 'not-loaded' },
      { id: 'scanned', state: 'loaded' },
    ] });
    const items = trayMenuModel(status([e]), config(), defaultSettings());
    expect(byId(items, 'unload:lmstudio/qwen3-8b')).toMatchObject({ label: 'Unload lmstudio/qwen3-8b (frees 5.6 GB)', enabled: true, action: { kind: 'api', calls: [{ name: 'model.unload', input: { ref: 'lmstudio/qwen3-8b' } }] } });
    expect(byId(items, 'unload:lmstudio/llama')?.label).toBe('Unload lmstudio/llama');
    // Not loaded, or not in the config (no ref to unload by): no item.
    expect(items.filter((i) => i.id.startsWith('unload:'))).toHaveLength(2);
    expectValidCalls(items);
  });

  it('counts "loading… N s" as of the build time it is given, and says when a rebuild timer is needed', () => {
    const loading = { id: 'qwen3-8b', ref: 'lmstudio/qwen3-8b', state: 'loading' as const, loadingSince: 1_000_000 };
    const st = status([endpoint({ models: [loading] })]);
    expect(anyLoading(st)).toBe(true);
    expect(byId(trayMenuModel(st, config(), defaultSettings(), 1_012_400), 'model:http://127.0.0.1:1234:qwen3-8b')?.label).toBe('qwen3-8b — loading… 12 s');
    // Without a time: no count (never a stale one).
    expect(byId(trayMenuModel(st, config(), defaultSettings()), 'model:http://127.0.0.1:1234:qwen3-8b')?.label).toBe('qwen3-8b — loading…');
    expect(anyLoading(status([endpoint({ models: [{ id: 'x', state: 'loaded' }] })]))).toBe(false);
    expect(anyLoading(null)).toBe(false);
  });

  it('offers no Unload on a runtime without an unload API (LiteLLM, a generic OpenAI-compatible server)', () => {
    for (const kind of ['litellm', 'openai-compatible'] as const) {
      const e = endpoint({ kind, id: `http://127.0.0.1:4000/${kind}`, models: [{ id: 'm', ref: `${kind}/m`, state: 'loaded' }] });
      const items = trayMenuModel(status([e]), config(), defaultSettings());
      expect(items.filter((i) => i.id.startsWith('unload:'))).toEqual([]);
    }
  });

  it('keeps the keep word of a long model name in its line (context in the tooltip), and promises no warming while the server is down', () => {
    const long = { id: 'meta-llama-3.1-8b-instruct', ref: 'lmstudio/meta-llama-3.1-8b-instruct', state: 'loaded' as const, loadedContext: 131072, warm: { enabled: true, pings: 1, coldStarts: 0 } };
    const up = trayMenuModel(status([endpoint({ models: [long] })]), config(), defaultSettings());
    const item = byId(up, 'model:http://127.0.0.1:1234:meta-llama-3.1-8b-instruct')!;
    expect(item.label).toBe('meta-llama-3.1-8b-instruct — loaded · kept warm');
    expect(item.toolTip).toBe('lmstudio/meta-llama-3.1-8b-instruct — loaded at 131,072 context · kept warm');
    const down = trayMenuModel(status([endpoint({ health: 'down', reach: 'refused', models: [long] })], 'local-down'), config(), defaultSettings());
    expect(byId(down, 'model:http://127.0.0.1:1234:meta-llama-3.1-8b-instruct')?.label).toBe('meta-llama-3.1-8b-instruct — server down');
  });

  it('lists each endpoint with its models and status, then the actions, then Quit', () => {
    const items = trayMenuModel(status(), config(), defaultSettings());
    expect(items[0]).toMatchObject({ id: 'summary', label: 'Every local model is warm.', enabled: false });
    expect(byId(items, 'endpoint:http://127.0.0.1:1234')?.label).toBe('lmstudio (LM Studio) · 127.0.0.1:1234 — up');
    // Under its endpoint's line the model's own id is enough; the keep word is never cut off.
    expect(byId(items, 'model:http://127.0.0.1:1234:qwen3-8b')?.label).toBe('qwen3-8b — loaded · kept warm');
    expect(byId(items, 'model:http://127.0.0.1:1234:gemma-3')?.label).toContain('gemma-3 — not loaded');
    const ids = items.filter((i) => i.type !== 'separator').map((i) => i.id);
    expect(ids.slice(-7)).toEqual(['local-first', 'keep-warm', 'warm-now', 'unload:lmstudio/qwen3-8b', 'open-window', 'open-config', 'quit']);
    expect(byId(items, 'quit')?.action).toEqual({ kind: 'quit' });
    expect(byId(items, 'open-window')?.action).toEqual({ kind: 'open-window' });
    expect(byId(items, 'open-config')?.action).toEqual({ kind: 'open-config', path: '/home/u/.openclaw/openclaw.json' });
    expectValidCalls(items);
  });

  it('shows a down endpoint with its error as the tooltip', () => {
    const items = trayMenuModel(status([endpoint({ health: 'down', reach: 'refused', lastError: 'connection refused on 127.0.0.1:1234', models: [] })], 'local-down'), config(), defaultSettings());
    const ep = byId(items, 'endpoint:http://127.0.0.1:1234')!;
    expect(ep.label).toMatch(/— down$/);
    expect(ep.toolTip).toBe('connection refused on 127.0.0.1:1234');
    // A server that answers, but with HTTP 500, runs: it is failing, not down.
    const failing = trayMenuModel(status([endpoint({ health: 'down', lastError: 'HTTP 500: LM Studio had an internal error', models: [] })], 'local-down'), config(), defaultSettings());
    expect(byId(failing, 'endpoint:http://127.0.0.1:1234')!.label).toMatch(/— answers with errors$/);
  });

  it('"Use local first" is checked when on and turns it off (and vice versa)', () => {
    const on = byId(trayMenuModel(status(), config(), defaultSettings()), 'local-first')!;
    expect(on).toMatchObject({ type: 'checkbox', checked: true, enabled: true });
    expect(on.action).toEqual({ kind: 'api', calls: [{ name: 'config.apply', input: { type: 'local-first-off', input: {} } }] });
    const off = byId(trayMenuModel(status(), config({ localFirst: { on: false, remembered: false } }), defaultSettings()), 'local-first')!;
    expect(off.checked).toBe(false);
    expect(off.action).toEqual({ kind: 'api', calls: [{ name: 'config.apply', input: { type: 'local-first-on', input: {} } }] });
  });

  it('"Use local first" is disabled without a readable config or a local provider', () => {
    expect(byId(trayMenuModel(status(), null, defaultSettings()), 'local-first')).toMatchObject({ enabled: false, label: 'Use local first (config unreadable)' });
    const hostedOnly = config({ providers: [{ id: 'anthropic', local: false, apiKey: { state: 'env', hint: 'KEY' }, models: [] }] });
    expect(byId(trayMenuModel(status(), hostedOnly, defaultSettings()), 'local-first')).toMatchObject({ enabled: false, label: 'Use local first (no local provider)' });
    expect(byId(trayMenuModel(status(), config({ exists: false }), defaultSettings()), 'open-config')?.enabled).toBe(false);
  });

  it('"Keep warm" pauses and resumes through settings.update', () => {
    const s = defaultSettings();
    const on = byId(trayMenuModel(status(), config(), s), 'keep-warm')!;
    expect(on).toMatchObject({ checked: true, action: { kind: 'api', calls: [{ name: 'settings.update', input: { warm: { paused: true } } }] } });
    const paused: Settings = { ...s, warm: { ...s.warm, paused: true } };
    const off = byId(trayMenuModel(status(), config(), paused), 'keep-warm')!;
    expect(off).toMatchObject({ checked: false, action: { kind: 'api', calls: [{ name: 'settings.update', input: { warm: { enabled: true, paused: false } } }] } });
    expect(byId(trayMenuModel(status(), config(), null), 'keep-warm')?.enabled).toBe(false);
  });

  it('"Warm now" warms the keep-warm models, and is disabled when there are none', () => {
    const items = trayMenuModel(status(), config(), defaultSettings());
    expect(byId(items, 'warm-now')).toMatchObject({ enabled: true, label: 'Warm now (lmstudio/qwen3-8b)', action: { kind: 'api', calls: [{ name: 'warm.now', input: { ref: 'lmstudio/qwen3-8b' } }] } });
    const none = trayMenuModel(status([endpoint({ models: [] })]), config(), defaultSettings());
    expect(byId(none, 'warm-now')).toMatchObject({ enabled: false, action: { kind: 'api', calls: [] } });
  });

  it('falls back to settings.warm.models for "Warm now" before the monitor has reported', () => {
    const s = defaultSettings();
    expect(keepWarmRefsOf(null, { ...s, warm: { ...s.warm, models: ['ollama/llama3', 'ollama/llama3', 'junk'] } })).toEqual(['ollama/llama3']);
  });

  it('says "Starting…" before anything is known, with every stateful action disabled', () => {
    const items = trayMenuModel(null, null, null);
    expect(items[0]?.label).toBe('Starting…');
    expect(byId(items, 'no-endpoints')?.label).toBe('Checking servers…');
    for (const id of ['local-first', 'keep-warm', 'warm-now', 'open-config']) expect(byId(items, id)?.enabled, id).toBe(false);
    expect(byId(items, 'quit')?.enabled).toBe(true);
  });

  it('caps long lists and long labels', () => {
    const many = Array.from({ length: MAX_TRAY_ENDPOINTS + 3 }, (_, i) => endpoint({ id: `http://127.0.0.1:${9000 + i}`, baseUrl: `http://127.0.0.1:${9000 + i}`, providerId: undefined, source: 'scan', models: [] }));
    const items = trayMenuModel(status(many), config(), defaultSettings());
    expect(items.filter((i) => i.id.startsWith('endpoint:'))).toHaveLength(MAX_TRAY_ENDPOINTS);
    expect(byId(items, 'more-endpoints')?.label).toBe('…and 3 more servers');
    const models = Array.from({ length: 9 }, (_, i) => ({ id: `m${i}`, state: 'not-loaded' as const }));
    expect(byId(trayMenuModel(status([endpoint({ models })]), config(), defaultSettings()), 'more-models:http://127.0.0.1:1234')?.label).toContain('and 4 more');
    expect(clipLabel('x'.repeat(100))).toHaveLength(60);
    expect(clipLabel('a\nb')).toBe('a b');
  });

  it('every API action it can produce is valid contract input', () => {
    const s = defaultSettings();
    for (const st of [null, status()])
      for (const c of [null, config(), config({ localFirst: { on: false, remembered: false } })])
        for (const set of [null, s, { ...s, warm: { ...s.warm, paused: true } }]) expectValidCalls(trayMenuModel(st, c, set));
  });
});

describe('trayIconFor / trayTooltip', () => {
  it('picks template PNGs on macOS, .ico on Windows and colour PNGs elsewhere', () => {
    expect(trayIconFor('all-warm', 'darwin')).toBe('trayTemplate-all-warm.png');
    expect(trayIconFor('local-down', 'win32')).toBe('tray-local-down.ico');
    expect(trayIconFor('paused', 'linux')).toBe('tray-paused.png');
  });

  it('has an icon file in resources/ for every state and platform', async () => {
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    for (const state of traySummaryStates)
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        const file = trayIconFor(state, platform);
        expect(existsSync(join(import.meta.dirname, '../../../../resources', file)), file).toBe(true);
        if (file.endsWith('.png')) expect(existsSync(join(import.meta.dirname, '../../../../resources', file.replace('.png', '@2x.png'))), file).toBe(true);
      }
  });

  it('the tooltip is the one-line summary', () => {
    expect(trayTooltip(status())).toBe('Warmclaw — Every local model is warm.');
    expect(trayTooltip(null)).toBe('Warmclaw — starting…');
    expect(trayTooltip({ ...status(), summary: { state: 'local-down', reason: 'x'.repeat(300) } }).length).toBeLessThanOrEqual(127);
  });
});

describe('the tray in the app language', () => {
  /** Every kind of line the menu has: servers up, loading, asleep, failing, down; loaded, loading, waiting models; overflow lines. */
  function busy(): StatusView {
    const many = Array.from({ length: 8 }, (_, i) => ({ id: `extra-${i}`, state: 'not-loaded' as const }));
    return {
      endpoints: [
        endpoint({ models: [{ id: 'qwen3-8b', ref: 'lmstudio/qwen3-8b', state: 'loaded', loadedContext: 32768, vramBytes: 5_600_000_000, warm: { enabled: true, pings: 3, coldStarts: 0 } }, { id: 'gemma-3', ref: 'lmstudio/gemma-3', state: 'loading', loadingSince: 1_000, warm: { enabled: true, pings: 0, coldStarts: 0 } }, ...many] }),
        endpoint({ id: 'http://127.0.0.1:8080', baseUrl: 'http://127.0.0.1:8080', kind: 'llamacpp', providerId: 'llamacpp', health: 'up', activity: 'sleeping', note: 'llama-server is asleep', noteMsg: { code: 'server.llamacpp-asleep', params: {} }, models: [{ id: 'm', state: 'loaded' }] }),
        endpoint({ id: 'http://127.0.0.1:11434', baseUrl: 'http://127.0.0.1:11434', kind: 'ollama', providerId: 'ollama', health: 'down', reach: 'refused', lastError: 'connection refused on 127.0.0.1:11434', lastErrorMsg: { code: 'server.refused-started', params: { where: '127.0.0.1:11434' } }, models: [{ id: 'llama3', ref: 'ollama/llama3', state: 'unknown', warm: { enabled: true, pings: 0, coldStarts: 0 } }] }),
        endpoint({ id: 'http://127.0.0.1:8000', baseUrl: 'http://127.0.0.1:8000', kind: 'vllm', providerId: 'vllm', health: 'down', lastError: 'HTTP 500', models: [] }),
        ...Array.from({ length: MAX_TRAY_ENDPOINTS }, (_, i) => endpoint({ id: `http://127.0.0.1:${9000 + i}`, baseUrl: `http://127.0.0.1:${9000 + i}`, providerId: undefined, source: 'scan', models: [] })),
      ],
      failover: { enabled: false, mode: 'local', healthy: true, reason: '', switches: 0 },
      summary: { state: 'warming', reason: 'Warming lmstudio/gemma-3', reasonKey: 'warming', models: ['lmstudio/gemma-3'] },
    };
  }
  const vi = (): Settings => ({ ...defaultSettings(), language: 'vi' });

  it('says every line in Vietnamese when the app speaks Vietnamese, and in the same English as before otherwise', () => {
    const st = busy();
    const enItems = trayMenuModel(st, config(), defaultSettings(), 13_000);
    const viItems = trayMenuModel(st, config(), vi(), 13_000);
    expect(viItems.map((i) => i.id)).toEqual(enItems.map((i) => i.id));
    // The English words of the menu and of the shared state vocabulary, none of which may be left in Vietnamese.
    const english = /\b(Starting|Checking|No local|loaded|loading|not loaded|asleep|sleeping|server down|kept warm|warming|paused|down|unreachable|answers with errors|more|Use local first|Keep warm|Warm now|Unload|frees|Open|Quit|config|Warming|connection refused)\b/;
    for (const item of viItems) {
      if (item.type === 'separator') continue;
      // Ids, refs, hosts and product names stay as they are: take them out before looking for English.
      const text = `${item.label} ${item.toolTip ?? ''}`.replace(/\b(lmstudio|ollama|llamacpp|vllm|qwen3-8b|gemma-3|llama3|extra-\d|LM Studio|Ollama|llama\.cpp|vLLM|Warmclaw|127\.0\.0\.1:\d+|\/home\S+|m)\b/g, '');
      expect(text, `${item.id}: ${item.label}`).not.toMatch(english);
    }
    const label = (items: TrayMenuItem[], id: string) => byId(items, id)!.label;
    expect(label(viItems, 'summary')).toBe('Đang làm ấm lmstudio/gemma-3');
    expect(label(viItems, 'model:http://127.0.0.1:1234:gemma-3')).toBe('gemma-3 — đang nạp… 12 giây · đang làm ấm');
    expect(label(enItems, 'model:http://127.0.0.1:1234:gemma-3')).toBe('gemma-3 — loading… 12 s · warming');
    expect(label(viItems, 'endpoint:http://127.0.0.1:8000')).toMatch(/— trả lời bị lỗi$/);
    expect(byId(viItems, 'endpoint:http://127.0.0.1:11434')!.toolTip).not.toBe('connection refused on 127.0.0.1:11434');
    expect(label(viItems, 'unload:lmstudio/qwen3-8b')).toBe('Gỡ lmstudio/qwen3-8b (giải phóng 5.6 GB)');
    expect(trayTooltip(st, 'vi')).toBe('Warmclaw — Đang làm ấm lmstudio/gemma-3');
    expect(trayTooltip(st)).toBe('Warmclaw — Warming lmstudio/gemma-3');
  });
});
