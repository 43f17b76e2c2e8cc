// `warmclaw status`: endpoints and models as a table a person reads at a glance.
import type { EndpointStatus } from '../../shared/status';
import { SERVER_NAME } from '../../shared/openclaw-constants';
import { formatDuration } from '../core/endpoints';
import { escapeControls } from '../core/text';

function pad(raw: string[][]): string {
  // Every cell may quote a server (ids, errors, URLs): one line each, control characters made visible.
  const rows = raw.map((r) => r.map((c) => escapeControls(c)));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** One row per model (one per endpoint when it lists none), with the server's vs the config's context. */
export function statusTable(endpoints: EndpointStatus[], configured: Map<string, number | undefined>, now: number): string {
  if (endpoints.length === 0) {
    return 'No local server found. Start LM Studio\'s server (Developer → Start Server) or `ollama serve`, or add one: warmclaw endpoints add http://127.0.0.1:8000';
  }
  const rows: string[][] = [['ENDPOINT', 'KIND', 'HEALTH', 'LATENCY', 'MODEL', 'STATE', 'CONTEXT server/config', 'UNLOADS IN', 'WARM']];
  for (const e of endpoints) {
    const head = [e.baseUrl, e.kind ? SERVER_NAME[e.kind] : '?', e.health, e.latencyMs !== undefined ? `${Math.round(e.latencyMs)} ms` : '—'];
    const models = e.models.length ? e.models : [undefined];
    for (const m of models) {
      const cfg = m?.ref ? configured.get(m.ref) : undefined;
      const server = m?.loadedContext ?? m?.maxContext;
      const ctx = m ? `${server ?? '?'} / ${cfg ?? '—'}` : '';
      const unload = m?.expiresAt !== undefined ? (m.expiresAt > now ? formatDuration(m.expiresAt - now) : 'now') : '—';
      const warm = m?.warm?.enabled ? `kept warm (${m.warm.pings} pings${m.warm.coldStarts ? `, ${m.warm.coldStarts} cold starts` : ''})` : m ? 'no' : '';
      rows.push([...head, m?.id ?? '(no models)', m?.state ?? '', ctx, m ? unload : '', warm]);
    }
    if (e.lastError) rows.push(['', '', '', '', `↳ ${e.lastError}`, '', '', '', '']);
    if (e.localhostMismatch) rows.push(['', '', '', '', `↳ ${e.localhostMismatch}`, '', '', '', '']);
  }
  return pad(rows);
}
