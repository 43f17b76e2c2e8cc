import { describe, expect, it } from 'vitest';
import type { ApplyResultView } from '../../../../src/shared/contract';
import type { EndpointStatus } from '../../../../src/shared/status';
import { msg } from '../../../../src/shared/messages';
import { trayWords } from '../../../../src/main/core/tray/tray-words';
import { applyResultInput, createNotifier, notificationsFor, rememberEndpoints, type EndpointMemory } from '../../../../src/main/core/notify/notifications';

function ep(health: EndpointStatus['health'], over: Partial<EndpointStatus> = {}): EndpointStatus {
  return { id: 'http://127.0.0.1:11434', baseUrl: 'http://127.0.0.1:11434', kind: 'ollama', source: 'config', providerId: 'ollama', health, latencyWindow: [], models: [], ...over };
}
const memory = (...eps: EndpointStatus[]): EndpointMemory => new Map(eps.map((e) => [e.id, e]));

function applied(gateway?: ApplyResultView['gateway']): ApplyResultView {
  return { changed: true, summary: 'Local first on', warnings: [], diff: '', existingIssues: [], validated: true, ...(gateway && { gateway }) };
}

describe('notificationsFor', () => {
  it('a config endpoint going up → down notifies once, with its error', () => {
    const down = ep('down', { reach: 'refused', lastError: 'connection refused on 127.0.0.1:11434 — is Ollama running?' });
    expect(notificationsFor(memory(ep('up')), { type: 'endpoint-changed', endpoint: down })).toEqual([
      { title: 'Local model server down: ollama', body: 'connection refused on 127.0.0.1:11434 — is Ollama running?' },
    ]);
    // It answers, with errors: the title says so rather than "down".
    const failing = ep('down', { lastError: 'HTTP 500: Ollama had an internal error' });
    expect(notificationsFor(memory(ep('up')), { type: 'endpoint-changed', endpoint: failing })[0]?.title).toBe('Local model server failing: ollama');
    expect(notificationsFor(memory(ep('degraded')), { type: 'endpoint-changed', endpoint: down })).toHaveLength(1);
  });

  it('does not notify for first sight, down → down, unknown → down, or scanned/user servers', () => {
    expect(notificationsFor(memory(), { type: 'endpoint-changed', endpoint: ep('down') })).toEqual([]);
    expect(notificationsFor(memory(ep('down')), { type: 'endpoint-changed', endpoint: ep('down') })).toEqual([]);
    expect(notificationsFor(memory(ep('unknown')), { type: 'endpoint-changed', endpoint: ep('down') })).toEqual([]);
    expect(notificationsFor(memory(ep('up', { source: 'scan' })), { type: 'endpoint-changed', endpoint: ep('down', { source: 'scan' }) })).toEqual([]);
    expect(notificationsFor(memory(ep('down')), { type: 'endpoint-changed', endpoint: ep('up') })).toEqual([]);
  });

  it('cold starts, failover both ways, and a gateway rejection notify', () => {
    expect(notificationsFor(memory(), { type: 'cold-start', endpointId: 'http://127.0.0.1:11434', modelId: 'llama3', ms: 12_400 })).toEqual([
      { title: 'Cold start: llama3', body: 'llama3 was not loaded on 127.0.0.1:11434; loading it took 12 s.' },
    ]);
    expect(notificationsFor(memory(), { type: 'failover', direction: 'to-hosted', reason: 'ollama down for 60 s' })[0]?.title).toBe('Switched to hosted models');
    expect(notificationsFor(memory(), { type: 'failover', direction: 'to-local', reason: 'warm for 120 s' })[0]?.title).toBe('Back to local first');
    const rejected = notificationsFor(memory(), {
      type: 'apply-result',
      name: 'config.apply',
      result: applied({ status: 'rejected', message: 'The gateway refused the new config.', issues: [{ path: 'models.providers.x', message: 'unknown key' }] }),
    });
    expect(rejected).toEqual([{ title: 'OpenClaw gateway rejected the config change', body: 'The gateway refused the new config. models.providers.x: unknown key' }]);
  });

  it('accepted writes, warm pings and config-changed events are quiet', () => {
    expect(notificationsFor(memory(), { type: 'apply-result', name: 'config.undo', result: applied({ status: 'applied', message: 'ok' }) })).toEqual([]);
    expect(notificationsFor(memory(), { type: 'apply-result', name: 'config.apply', result: applied() })).toEqual([]);
    expect(notificationsFor(memory(), { type: 'warm-ping', endpointId: 'x', modelId: 'y', ok: false })).toEqual([]);
    expect(notificationsFor(memory(), { type: 'config-changed', what: 'settings', path: '/s.json' })).toEqual([]);
  });
});

describe('rememberEndpoints / applyResultInput', () => {
  it('tracks changes and removals without mutating the old memory', () => {
    const m0 = memory();
    const m1 = rememberEndpoints(m0, { type: 'endpoint-changed', endpoint: ep('up') });
    expect(m0.size).toBe(0);
    expect(m1.get('http://127.0.0.1:11434')?.health).toBe('up');
    expect(rememberEndpoints(m1, { type: 'endpoint-removed', id: 'http://127.0.0.1:11434' }).size).toBe(0);
  });

  it('only successful config writes are inspected', () => {
    expect(applyResultInput('config.apply', { ok: true, data: applied() })?.type).toBe('apply-result');
    expect(applyResultInput('config.restore', { ok: true, data: applied() })).toMatchObject({ name: 'config.restore' });
    expect(applyResultInput('config.preview', { ok: true, data: applied() })).toBeNull();
    expect(applyResultInput('config.apply', { ok: false })).toBeNull();
  });
});

describe('createNotifier', () => {
  it('respects settings.notifications at each event but keeps remembering', () => {
    let enabled = false;
    const n = createNotifier({ enabled: () => enabled });
    n.seed([ep('up')]);
    expect(n.next({ type: 'endpoint-changed', endpoint: ep('down') })).toEqual([]);
    enabled = true;
    // Still down: no transition, so still nothing.
    expect(n.next({ type: 'endpoint-changed', endpoint: ep('down') })).toEqual([]);
    n.next({ type: 'endpoint-changed', endpoint: ep('up') });
    expect(n.next({ type: 'endpoint-changed', endpoint: ep('down') })).toHaveLength(1);
  });

  it('drops a repeat of the same notice within the quiet window', () => {
    let t = 0;
    const n = createNotifier({ enabled: () => true, quietMs: 1000, now: () => t });
    const cold = { type: 'cold-start', endpointId: 'http://127.0.0.1:11434', modelId: 'llama3', ms: 900 } as const;
    expect(n.next(cold)).toHaveLength(1);
    t = 500;
    expect(n.next(cold)).toEqual([]);
    t = 1500;
    expect(n.next(cold)).toHaveLength(1);
  });
});

describe('notifications in the app language', () => {
  it('Vietnamese: titles, our own bodies and coded engine messages are Vietnamese; OpenClaw words stay as written', () => {
    const down = ep('down', { reach: 'refused', lastError: 'connection refused', lastErrorMsg: msg('server.refused-started', { where: '127.0.0.1:11434' }) });
    const [n] = notificationsFor(memory(ep('up')), { type: 'endpoint-changed', endpoint: down }, 'vi');
    expect(n?.title).toBe('Máy chủ mô hình cục bộ ngừng: ollama');
    expect(n?.body).toBe(trayWords('vi').say(msg('server.refused-started', { where: '127.0.0.1:11434' }), '?'));
    expect(n?.body).toContain('127.0.0.1:11434');
    expect(n?.body).not.toContain('connection refused');
    const failing = notificationsFor(memory(ep('up')), { type: 'endpoint-changed', endpoint: ep('down', { lastError: 'HTTP 500' }) }, 'vi');
    expect(failing[0]?.title).toBe('Máy chủ mô hình cục bộ đang trả lỗi: ollama');
    expect(notificationsFor(memory(), { type: 'cold-start', endpointId: 'http://127.0.0.1:11434', modelId: 'llama3', ms: 2_400 }, 'vi')).toEqual([
      { title: 'Khởi động nguội: llama3', body: 'llama3 chưa được nạp trên 127.0.0.1:11434; nạp mất 2,4 s.' },
    ]);
    const to = notificationsFor(memory(), { type: 'failover', direction: 'to-hosted', reason: 'ollama/llama3 unavailable for 60 s: local server down', reasonMsg: msg('failover.to-hosted', { ref: 'ollama/llama3', seconds: 60, why: msg('failover.server-down') }) }, 'vi');
    expect(to[0]?.title).toBe('Đã chuyển sang mô hình đám mây');
    expect(to[0]?.body).toContain('ollama/llama3 không dùng được đã 60 giây: máy chủ cục bộ đang ngừng');
    const rejected = notificationsFor(memory(), { type: 'apply-result', name: 'config.apply', result: applied({ status: 'rejected', message: 'The gateway refused the new config.' }) }, 'vi');
    expect(rejected).toEqual([{ title: 'Gateway OpenClaw đã từ chối thay đổi cấu hình', body: 'The gateway refused the new config.' }]);
  });

  it('the notifier reads the language at each event', () => {
    let lang = 'en';
    const n = createNotifier({ enabled: () => true, language: () => lang });
    expect(n.next({ type: 'failover', direction: 'to-local', reason: 'warm' })[0]?.title).toBe('Back to local first');
    lang = 'vi';
    expect(n.next({ type: 'failover', direction: 'to-hosted', reason: 'down' })[0]?.title).toBe('Đã chuyển sang mô hình đám mây');
  });
});
