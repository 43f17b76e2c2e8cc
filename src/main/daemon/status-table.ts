// `warmclaw status`: endpoints and models as a table a person reads at a glance, in the same state
// words as the tray and the dashboard (src/shared/states.ts), fitted to the terminal's width.
import type { EndpointStatus, ModelStatus } from '../../shared/status';
import { SERVER_NAME } from '../../shared/openclaw-constants';
import { KEEP_STATE_WORD, modelStateWords, modelView, serverState, SERVER_STATE_WORD } from '../../shared/states';
import { formatDuration } from '../core/endpoints';
import { escapeControls } from '../core/text';
import type { Say } from './cli-language';

/** What the config says about the models the table shows. */
export interface StatusContext {
  /** contextWindow per configured ref. */
  configured: Map<string, number | undefined>;
  /** Role of a ref in OpenClaw's routing: "primary", "fallback 2". */
  roles?: Map<string, string>;
  /** Models the config declares per provider id (named for a server that lists none, e.g. while down). */
  declared?: Map<string, string[]>;
  /** Keeping warm is paused or off. */
  paused?: boolean;
  /** Terminal width; long cells are cut with "…" so each row fits one line. */
  width?: number;
  /** Words an engine message in the CLI's language (English when absent). */
  say?: Say;
}

const HEADERS = ['ENDPOINT', 'KIND', 'STATE', 'LATENCY', 'MODEL', 'MODEL STATE', 'CONTEXT server/config', 'UNLOADS IN', 'WARM', 'ROUTING'] as const;
/** Columns that give up width first when the terminal is narrow (model ids and endpoint URLs). */
const SHRINKABLE = [4, 0] as const;
/** How far a shrinkable column may be cut (a model id stays recognisable at 24 characters). */
const SHRINK_FLOOR: Record<(typeof SHRINKABLE)[number], number> = { 4: 24, 0: 15 };
/** Columns left out, in this order, when shrinking was not enough: unload timer, latency, warm stats, kind. */
const DROPPABLE = [7, 3, 8, 1] as const;

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

function layout(raw: string[][], width: number | undefined): string {
  // Every cell may quote a server (ids, errors, URLs): one line each, control characters made visible.
  const rows = raw.map((r) => r.map((c) => escapeControls(c)));
  const isNote = (r: string[]) => r[0] === '' && r[4]?.startsWith('↳') === true;
  const table = rows.filter((r) => !isNote(r));
  const widths = HEADERS.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  const shown = HEADERS.map(() => true);
  const total = () => widths.reduce((a, w, i) => a + (shown[i] ? w + 2 : 0), -2);
  if (width) {
    // Leave out the columns a glance needs least while cutting ids alone would make them unreadable,
    // then cut the longest ids (model, then endpoint) with "…".
    const slack = () => SHRINKABLE.reduce((a: number, col) => a + Math.max(0, widths[col]! - SHRINK_FLOOR[col]), 0);
    for (const col of DROPPABLE) if (total() - slack() > width) shown[col] = false;
    for (const col of SHRINKABLE) {
      const over = total() - width;
      if (over > 0) widths[col] = Math.max(SHRINK_FLOOR[col], widths[col]! - over);
    }
    // A very narrow terminal: the model id gives way further rather than breaking every row.
    const over = total() - width;
    if (over > 0) widths[4] = Math.max(8, widths[4]! - over);
  }
  return rows
    .map((r) => {
      if (isNote(r)) return width ? cut(`  ${r[4]}`, width) : `  ${r[4]}`;
      return r
        .map((c, i) => (shown[i] ? cut(c, widths[i]!).padEnd(widths[i]!) : null))
        .filter((c) => c !== null)
        .join('  ')
        .trimEnd();
    })
    .join('\n');
}

/** "127.0.0.1:1234" for plain http (the scheme and a bare "/" add nothing); anything else in full. */
function shortUrl(baseUrl: string): string {
  return baseUrl.replace(/^http:\/\//, '').replace(/\/$/, '');
}

function kindOf(e: EndpointStatus): string {
  if (e.kind) return SERVER_NAME[e.kind];
  return e.health === 'unknown' ? '…' : 'not identified';
}

/** One row per model (one per endpoint when it lists none), with the server's vs the config's context. */
export function statusTable(endpoints: EndpointStatus[], ctx: StatusContext, now: number): string {
  if (endpoints.length === 0) {
    return 'No local server found. Start LM Studio\'s server (Developer → Start Server) or `ollama serve`, or add one: warmclaw endpoints add http://127.0.0.1:8000';
  }
  const rows: string[][] = [[...HEADERS]];
  for (const e of endpoints) {
    const state = serverState(e);
    const head = [shortUrl(e.baseUrl), kindOf(e), SERVER_STATE_WORD[state], e.latencyMs !== undefined && state !== 'down' && state !== 'unreachable' ? `${Math.round(e.latencyMs)} ms` : '—'];
    // A server that lists nothing (down, or never answered) still shows what the config expects of it.
    const declared = !e.models.length && e.providerId ? (ctx.declared?.get(e.providerId) ?? []) : [];
    const models: (ModelStatus | undefined)[] = e.models.length ? e.models : declared.length ? declared.map((id) => ({ id, ref: `${e.providerId}/${id}`, state: 'unknown' as const })) : [undefined];
    let first = true;
    for (const m of models) {
      // The server's columns on its first row only: the rows under it read as its models.
      const lead = first ? head : head.map(() => '');
      first = false;
      if (!m) {
        rows.push([...lead, '(no models)', '', '', '', '', '']);
        continue;
      }
      const view = modelView(e, m, { paused: ctx.paused });
      const cfg = m.ref ? ctx.configured.get(m.ref) : undefined;
      const server = m.loadedContext ?? m.maxContext;
      const context = `${server ?? '?'} / ${cfg ?? '—'}`;
      // llama-swap says only its ttl (idle time before it stops the model), not when it last served it.
      const unload = m.expiresAt !== undefined ? (m.expiresAt > now ? formatDuration(m.expiresAt - now) : 'now') : m.idleUnloadMs ? `${formatDuration(m.idleUnloadMs)} idle` : '—';
      const warm = m.warm?.enabled ? `${KEEP_STATE_WORD[view.keep]} (${m.warm.pings} pings${m.warm.coldStarts ? `, ${m.warm.coldStarts} cold starts` : ''})` : 'no';
      const role = m.ref ? (ctx.roles?.get(m.ref) ?? '') : '';
      rows.push([...lead, m.id, modelStateWords(view, now), context, unload, warm, role]);
    }
    const say: Say = ctx.say ?? ((_m, fallback) => fallback);
    if (e.lastError) rows.push(['', '', '', '', `↳ ${say(e.lastErrorMsg, e.lastError)}`, '', '', '', '', '']);
    if (e.note) rows.push(['', '', '', '', `↳ ${say(e.noteMsg, e.note)}`, '', '', '', '', '']);
    if (e.localhostMismatch) rows.push(['', '', '', '', `↳ ${e.localhostMismatch}`, '', '', '', '', '']);
  }
  return layout(rows, ctx.width);
}
