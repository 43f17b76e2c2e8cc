// The contract's implementation over WarmclawService: one function both transports call (the daemon's
// HTTP server now, Electron IPC later). Inputs are always zod-parsed here; outputs are zod-checked
// in tests and development so a drifting shape fails loudly before a UI depends on it.
import { providerOptionsView } from '../openclaw/provider-options';
import { msg } from '../../../shared/messages';
import { EventEmitter } from 'node:events';
import {
  apiEventSchema,
  contract,
  isApiName,
  type ApiEvent,
  type ApiName,
  type ApiOutput,
  type ApiResult,
  type ConfigView,
  type SettingsPatch,
} from '../../../shared/contract';
import type { ConfigWarning, EditCommand } from '../../../shared/config-edits';
import type { Settings } from '../../../shared/settings';
import { userEndpointSchema } from '../../../shared/settings';
import { isServerGone, serverState } from '../../../shared/states';
import type { EndpointStatus } from '../../../shared/status';
import { normalizeBaseUrl } from '../endpoints';
import { WarmclawError, toErrorPayload } from '../errors';
import { isLocalRef, readProviders, readRouting } from '../openclaw/config-model';
import type { ApplyResult } from '../openclaw/config-file';
import type { BackupInfo } from '../openclaw/backups';
import { getAt } from '../openclaw/json5-document';
import { lintConfig } from '../openclaw/lint';
import { restoredOrder } from '../openclaw/local-first-memory';
import { maskSecret } from '../secrets';
import type { WarmclawService } from '../service';
import { configuredModels } from '../warm';

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

/** `lm••••io` (the shared mask) for keys long enough that four characters reveal little; otherwise only that one is set. */
export function maskKey(raw: unknown): ConfigView['providers'][number]['apiKey'] {
  if (typeof raw !== 'string' || raw === '') return { state: 'not-set' };
  const env = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(raw.trim());
  if (env) return { state: 'env', hint: env[1] };
  return raw.length >= 16 ? { state: 'set', hint: maskSecret(raw) } : { state: 'set' };
}

function previewView(r: ApplyResult): ApiOutput<'config.preview'> {
  return { changed: r.changed, summary: r.summary, ...(r.summaryMsg && { summaryMsg: r.summaryMsg }), diff: r.diff, warnings: r.warnings.map(warningView), ...(r.commentHints?.length && { commentHints: r.commentHints }), ...(r.backup && { backupId: r.backup.id }) };
}

function applyView(r: ApplyResult): ApiOutput<'config.apply'> {
  const out: ApiOutput<'config.apply'> = { changed: r.changed, summary: r.summary, ...(r.summaryMsg && { summaryMsg: r.summaryMsg }), warnings: r.warnings.map(warningView), diff: r.diff, existingIssues: r.existingIssues, validated: r.validated };
  if (r.backup) out.backup = backupView(r.backup);
  if (r.gateway) out.gateway = r.gateway;
  return out;
}

/** A backup as History shows it (the local-first memory stays in the engine). */
function backupView(b: BackupInfo): ApiOutput<'config.backups'>[number] {
  return { id: b.id, createdAt: b.createdAt, bytes: b.bytes, reason: b.reason, ...(b.reasonMsg && { reasonMsg: b.reasonMsg }), ...(b.origin && { origin: b.origin }) };
}

/** Only the ConfigWarning fields (context findings carry internal extras). */
function warningView(w: ConfigWarning): ConfigWarning {
  const out: ConfigWarning = { code: w.code, severity: w.severity, message: w.message, ...(w.msg && { msg: w.msg }) };
  if (w.path !== undefined) out.path = w.path;
  if (w.fix) out.fix = w.fix;
  if (w.load) out.load = w.load;
  return out;
}

/** The optional per-model fields the provider editor shows, only when they have the right type. */
function modelDetailsView(raw: Record<string, unknown>): Pick<ConfigView['providers'][number]['models'][number], 'reasoning' | 'input' | 'cost'> {
  const out: Pick<ConfigView['providers'][number]['models'][number], 'reasoning' | 'input' | 'cost'> = {};
  if (typeof raw.reasoning === 'boolean') out.reasoning = raw.reasoning;
  if (Array.isArray(raw.input) && raw.input.every((k) => typeof k === 'string')) out.input = raw.input as string[];
  if (raw.cost && typeof raw.cost === 'object' && !Array.isArray(raw.cost)) {
    const cost: Record<string, number> = {};
    for (const k of ['input', 'output', 'cacheRead', 'cacheWrite'] as const) {
      const v = (raw.cost as Record<string, unknown>)[k];
      if (typeof v === 'number') cost[k] = v;
    }
    out.cost = cost;
  }
  return out;
}

function mergeSettings(s: Settings, p: SettingsPatch): Settings {
  return {
    ...s,
    ...(p.endpoints !== undefined && { endpoints: p.endpoints }),
    ...(p.scan && { scan: { ...s.scan, ...p.scan } }),
    ...(p.poll && { poll: { ...s.poll, ...p.poll } }),
    ...(p.warm && { warm: { ...s.warm, ...p.warm } }),
    ...(p.failover && { failover: { ...s.failover, ...p.failover } }),
    ...(p.openclawBin !== undefined && { openclawBin: p.openclawBin }),
    ...(p.language !== undefined && { language: p.language }),
    ...(p.notifications !== undefined && { notifications: p.notifications }),
    ...(p.launchAtLogin !== undefined && { launchAtLogin: p.launchAtLogin }),
  };
}

/** The tray's state from what the monitor and the config say (precedence documented in the contract). */
export function traySummary(endpoints: EndpointStatus[], settings: Settings | undefined, configProblem: string | undefined): ApiOutput<'status'>['summary'] {
  if (configProblem) return { state: 'config-problem', reason: configProblem };
  const down = endpoints.filter((e) => e.source === 'config' && isServerGone(serverState(e)));
  if (down.length) return { state: 'local-down', reason: down.map((e) => `${e.providerId ?? e.baseUrl}: ${e.lastError ?? 'not answering'}`).join('; ') };
  if (settings && (settings.warm.paused || !settings.warm.enabled)) {
    return settings.warm.paused ? { state: 'paused', reason: 'Keeping warm is paused.', reasonKey: 'paused' } : { state: 'paused', reason: 'Keeping warm is off.', reasonKey: 'warm-off' };
  }
  const kept = endpoints.flatMap((e) => e.models.filter((m) => m.warm?.enabled));
  const cold = endpoints.flatMap((e) => e.models.filter((m) => m.warm?.enabled && m.state !== 'loaded').map((m) => m.ref ?? m.id));
  if (cold.length) return { state: 'warming', reason: `Warming ${cold.join(', ')}`, reasonKey: 'warming', models: cold };
  if (endpoints.some((e) => e.health === 'unknown')) return { state: 'warming', reason: 'Checking servers…', reasonKey: 'checking' };
  if (!endpoints.length) return { state: 'watching', reason: 'No local servers to watch.', reasonKey: 'no-servers' };
  // Nothing kept warm: servers answer, but "all warm" would claim what nobody asked for.
  if (!kept.length) return { state: 'watching', reason: 'Servers answer; no model is kept warm.', reasonKey: 'nothing-kept-warm' };
  return { state: 'all-warm', reason: 'Every kept-warm model is loaded.', reasonKey: 'every-model-warm' };
}

/** Builds the contract handler over a service (opened; started or not). */
export function createApiHandler(service: WarmclawService, opts: ApiHandlerOptions = {}): ApiHandler {
  const checkOutputs = opts.checkOutputs ?? process.env.NODE_ENV !== 'production';
  const bus = new EventEmitter<{ event: [ApiEvent] }>();
  const file = service.config.file;

  const configChanged = (what: 'config' | 'settings', summary?: string, summaryMsg?: ApplyResult['summaryMsg']) =>
    bus.emit('event', { type: 'config-changed', what, path: what === 'config' ? file.path : service.settings.path, ...(summary !== undefined && { summary }), ...(summaryMsg && { summaryMsg }) });

  const applied = (r: ApplyResult) => {
    if (r.changed) configChanged('config', r.summary, r.summaryMsg);
    return applyView(r);
  };

  const impl: { [N in ApiName]: (input: never) => Promise<ApiOutput<N>> | ApiOutput<N> } = {
    status: async () => {
      const endpoints = service.statuses();
      let problem: string | undefined;
      let settings: Settings | undefined;
      try {
        settings = service.settings.get();
      } catch (err) {
        problem = (err as Error).message;
      }
      let blocked: string[] = [];
      try {
        const { doc } = await file.read();
        const blocking = service.monitor.contextMismatches(configuredModels(doc)).filter((m) => m.blocks);
        blocked = blocking.map((m) => m.ref);
        if (blocking.length) problem ??= blocking.map((m) => m.message).join(' ');
      } catch (err) {
        problem ??= (err as Error).message;
      }
      let keepWarm: string[] | undefined;
      try {
        keepWarm = service.keepWarmRefsNow();
      } catch {
        keepWarm = undefined; // settings unreadable: already the summary's problem
      }
      return { endpoints, failover: service.failover.status(), summary: traySummary(endpoints, settings, problem), ...(keepWarm && { keepWarm }), ...(blocked.length && { blocked }) };
    },

    'config.get': async () => {
      const { exists, doc } = await file.read();
      const providers = readProviders(doc);
      const routing = readRouting(doc);
      const seen = new Set<string>();
      const warnings = [...lintConfig(doc), ...service.monitor.contextMismatches(configuredModels(doc))]
        .filter((w) => {
          const key = `${w.code}\u0000${w.path ?? ''}`;
          return seen.has(key) ? false : (seen.add(key), true);
        })
        .map(warningView);
      const memory = await file.localFirst.get(file.path);
      const aliasMap = getAt(doc, ['agents', 'defaults', 'models']);
      const aliases = Object.entries(aliasMap && typeof aliasMap === 'object' ? (aliasMap as Record<string, unknown>) : {}).flatMap(([ref, v]) =>
        v && typeof v === 'object' && typeof (v as { alias?: unknown }).alias === 'string' ? [{ ref, alias: (v as { alias: string }).alias }] : [],
      );
      const located = service.config.located;
      // The file's mode and owner count too (chmod 444, another user's file), not only the env switches.
      const access = await file.access({ checkGateway: true });
      const view: ConfigView = {
        path: located.path,
        source: located.source,
        exists,
        readOnly: access.readOnly,
        routing: { fallbacks: routing.fallbacks, ...(routing.primary !== undefined && { primary: routing.primary }) },
        localFirst: { on: isLocalRef(providers, routing.primary), remembered: memory !== null, ...(restoredOrder(memory) && { restores: restoredOrder(memory) }) },
        providers: providers.map((p) => ({
          id: p.id,
          ...(p.baseUrl !== undefined && { baseUrl: p.baseUrl }),
          ...(p.api !== undefined && { api: p.api }),
          local: isLocalRef(providers, `${p.id}/x`),
          apiKey: maskKey(p.raw.apiKey),
          options: providerOptionsView(p.raw),
          models: p.models.map((m) => ({
            id: m.id,
            ...(typeof m.raw.contextTokens === 'number' && { contextTokens: m.raw.contextTokens }),
            ...(typeof m.raw.name === 'string' && { name: m.raw.name }),
            ...(m.contextWindow !== undefined && { contextWindow: m.contextWindow }),
            ...(m.maxTokens !== undefined && { maxTokens: m.maxTokens }),
            ...modelDetailsView(m.raw),
          })),
        })),
        aliases,
        warnings,
        openclaw: service.config.validator ? { ran: true, issues: await file.currentIssues() } : { ran: false, issues: [] },
      };
      if (access.readOnly && access.reason !== undefined) view.readOnlyReason = access.reason;
      return view;
    },

    'config.backups': async () => (await file.backups.list()).map(backupView),
    'settings.get': () => service.settings.get(),

    'config.preview': async (cmd: EditCommand) => previewView(await file.preview(cmd)),
    'config.previewUndo': async () => previewView(await file.previewUndo()),
    'config.previewRestore': async ({ id }: { id: string }) => previewView(await file.previewRestore(id)),
    'config.apply': async (cmd: EditCommand) => applied(await file.apply(cmd)),
    'config.undo': async ({ backupId }: { backupId?: string }) => applied(await file.undo(backupId)),
    'config.restore': async ({ id }: { id: string }) => applied(await file.restore(id)),

    'settings.update': (patch: SettingsPatch) => {
      const next = service.settings.update((s) => mergeSettings(s, patch));
      configChanged('settings');
      return next;
    },

    'warm.now': async ({ ref }: { ref: string }) => {
      const { contextLength: _ctx, ...r } = await service.warmRef(ref);
      return r;
    },
    'model.unload': ({ ref }: { ref: string }) => service.unloadRef(ref),

    'endpoints.add': (input: { baseUrl: string; kind?: Settings['endpoints'][number]['kind']; label?: string; apiKeyEnv?: string }) => {
      const base = normalizeBaseUrl(input.baseUrl);
      if (!base) throw new WarmclawError('invalid-input', msg('error.not-http-url', { url: input.baseUrl }));
      const entry = userEndpointSchema.parse({ ...input, baseUrl: base });
      const next = service.settings.update((s) => ({ ...s, endpoints: [...s.endpoints.filter((e) => normalizeBaseUrl(e.baseUrl) !== base), entry] }));
      configChanged('settings');
      return next.endpoints;
    },
    'endpoints.remove': ({ baseUrl }: { baseUrl: string }) => {
      const base = normalizeBaseUrl(baseUrl) ?? baseUrl;
      const before = service.settings.get().endpoints;
      if (!before.some((e) => normalizeBaseUrl(e.baseUrl) === base)) throw new WarmclawError('not-found', msg('error.endpoint-not-listed', { url: base }));
      const next = service.settings.update((s) => ({ ...s, endpoints: s.endpoints.filter((e) => normalizeBaseUrl(e.baseUrl) !== base) }));
      configChanged('settings');
      return next.endpoints;
    },
    'monitor.refresh': async () => {
      await service.refresh();
      return service.statuses();
    },
  };

  const handler = (async (name: string, rawInput: unknown): Promise<ApiResult<unknown>> => {
    if (!isApiName(name)) return { ok: false, error: { code: 'not-found', message: `Unknown API "${name}".` } };
    const entry = contract[name];
    const parsed = entry.input.safeParse(rawInput);
    if (!parsed.success) {
      const msg = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'invalid-input', message: `Invalid input for ${name}: ${msg}` } };
    }
    try {
      const data: unknown = await (impl[name] as (i: unknown) => unknown)(parsed.data);
      if (checkOutputs) {
        const out = entry.output.safeParse(data);
        if (!out.success) {
          const msg = out.error.issues.map((i) => `${i.path.join('.') || 'output'}: ${i.message}`).join('; ');
          return { ok: false, error: { code: 'io', message: `Internal error: ${name} answered outside its contract (${msg}).` } };
        }
      }
      return { ok: true, data };
    } catch (err) {
      const { file: _file, ...error } = toErrorPayload(err);
      return { ok: false, error };
    }
  }) as ApiHandler;

  handler.subscribe = (listener) => {
    const forward = (ev: ApiEvent) => {
      if (!checkOutputs || apiEventSchema.safeParse(ev).success) listener(ev);
    };
    const offService = service.onEvent(forward);
    // Edited on disk (an editor, OpenClaw, the CLI): tell the UI which file to re-read.
    const offReload = service.onReload((changed) => {
      if (changed.includes('config')) forward({ type: 'config-changed', what: 'config', path: file.path });
      if (changed.includes('settings')) forward({ type: 'config-changed', what: 'settings', path: service.settings.path });
    });
    bus.on('event', forward);
    return () => {
      offService();
      offReload();
      bus.off('event', forward);
    };
  };
  return handler;
}
