// The contract's implementation over WarmclawService: one function both transports call (the daemon's
// HTTP server and Electron IPC). Inputs are always zod-parsed here; outputs are zod-checked in tests
// and development so a drifting shape fails loudly before a UI depends on it. The routes themselves
// live in one module per contract group (config, settings, servers); this file joins them, dispatches
// and forwards events.
import { EventEmitter } from 'node:events';
import { apiEventSchema, contract, isApiName, type ApiEvent, type ApiName, type ApiResult } from '../../../shared/contract';
import { toErrorPayload } from '../errors';
import { msg, said } from '../../../shared/messages';
import type { WarmclawService } from '../service';
import { configRoutes } from './config-routes';
import { logRoutes } from './log-routes';
import type { RouteContext, Routes } from './routes';
import { serverRoutes } from './server-routes';
import { settingsRoutes } from './settings-routes';
import { applyView, warningView } from './views';

export { maskKey } from './views';
export { traySummary } from './tray-summary';

export type ApiHandler = ((name: string, rawInput: unknown) => Promise<ApiResult<unknown>>) & {
  /** Subscribes to every pushed contract event (monitor, keeper, failover, config-changed). */
  subscribe(listener: (ev: ApiEvent) => void): () => void;
};

export interface ApiHandlerOptions {
  /** Environment for `${VAR}` API keys (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Zod-check every output (default: on unless NODE_ENV=production). */
  checkOutputs?: boolean;
}

/** "a.b: message; …" for a zod error. */
function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[], whole: string): string {
  return issues.map((i) => `${i.path.map(String).join('.') || whole}: ${i.message}`).join('; ');
}

/** One call: parse the input, run the route, check the output; every failure becomes an error value. */
async function dispatch(routes: Routes<ApiName>, checkOutputs: boolean, name: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isApiName(name)) return { ok: false, error: { code: 'not-found', ...said(msg('error.unknown-api', { name })) } };
  const entry = contract[name];
  const parsed = entry.input.safeParse(rawInput);
  if (!parsed.success) return { ok: false, error: { code: 'invalid-input', ...said(msg('error.invalid-input', { name, issues: issuesText(parsed.error.issues, 'input') })) } };
  try {
    const data: unknown = await (routes[name] as (i: unknown) => unknown)(parsed.data);
    if (checkOutputs) {
      const out = entry.output.safeParse(data);
      if (!out.success) return { ok: false, error: { code: 'io', ...said(msg('error.outside-contract', { name, issues: issuesText(out.error.issues, 'output') })) } };
    }
    return { ok: true, data };
  } catch (err) {
    const { file: _file, ...error } = toErrorPayload(err);
    return { ok: false, error };
  }
}

/** Every event the UI should see: the service's, files edited on disk, and changes made through the API (`bus`). */
function subscribeAll(service: WarmclawService, bus: EventEmitter<{ event: [ApiEvent] }>, checkOutputs: boolean, listener: (ev: ApiEvent) => void): () => void {
  const forward = (ev: ApiEvent) => {
    if (!checkOutputs || apiEventSchema.safeParse(ev).success) listener(ev);
  };
  const offService = service.onEvent(forward);
  // Edited on disk (an editor, OpenClaw, the CLI): tell the UI which file to re-read.
  const offReload = service.onReload((changed) => {
    if (changed.includes('config')) forward({ type: 'config-changed', what: 'config', path: service.config.file.path });
    if (changed.includes('settings')) forward({ type: 'config-changed', what: 'settings', path: service.settings.path });
  });
  // OpenClaw's CLI checked a write after it landed: what it found reaches the UI too, not only the log.
  const offChecked = service.onConfigChecked((c) =>
    forward({ type: 'config-checked', path: c.path, summary: c.summary, status: c.status, message: c.message, warnings: c.warnings.map(warningView) }),
  );
  bus.on('event', forward);
  return () => {
    offService();
    offReload();
    offChecked();
    bus.off('event', forward);
  };
}

/** Builds the contract handler over a service (opened; started or not). */
export function createApiHandler(service: WarmclawService, opts: ApiHandlerOptions = {}): ApiHandler {
  const checkOutputs = opts.checkOutputs ?? process.env.NODE_ENV !== 'production';
  const bus = new EventEmitter<{ event: [ApiEvent] }>();
  const file = service.config.file;
  const configChanged: RouteContext['configChanged'] = (what, summary, summaryMsg) =>
    bus.emit('event', { type: 'config-changed', what, path: what === 'config' ? file.path : service.settings.path, ...(summary !== undefined && { summary }), ...(summaryMsg && { summaryMsg }) });
  const ctx: RouteContext = {
    service,
    file,
    configChanged,
    applied: (r) => {
      if (r.changed) configChanged('config', r.summary, r.summaryMsg);
      return applyView(r);
    },
  };
  // Typed as the whole contract: a name no group implements fails to compile.
  const routes: Routes<ApiName> = { ...serverRoutes(ctx), ...configRoutes(ctx), ...settingsRoutes(ctx), ...logRoutes(ctx) };
  const handler = ((name: string, rawInput: unknown) => dispatch(routes, checkOutputs, name, rawInput)) as ApiHandler;
  handler.subscribe = (listener) => subscribeAll(service, bus, checkOutputs, listener);
  return handler;
}
