// CLI commands about servers: a one-shot `status`, `warm <ref>` and the user's endpoint list.
import { endpointKinds, type EndpointKind } from '../../shared/status';
import { userEndpointSchema } from '../../shared/settings';
import { WarmclawError } from '../core/errors';
import { normalizeBaseUrl } from '../core/endpoints';
import { WarmclawService } from '../core/service';
import { escapeControls } from '../core/text';
import { configuredModels } from '../core/warm';
import { usage, type CliIo, type Values } from './cli-args';
import { statusTable, type StatusContext } from './status-table';
import { cliSayer } from './cli-language';
import { readProviders, readRouting } from '../core/openclaw/config-model';
import type { Routing } from '../../shared/openclaw-schema';

/** "primary" / "fallback 2" per ref, as `status` shows them. */
function routingRoles(r: Routing): Map<string, string> {
  const roles = new Map<string, string>();
  r.fallbacks.forEach((f, i) => roles.set(f, `fallback ${i + 1}`));
  if (r.primary) roles.set(r.primary, 'primary');
  return roles;
}

function pausedIn(service: WarmclawService): boolean {
  try {
    const w = service.settings.get().warm;
    return w.paused || !w.enabled;
  } catch {
    return false;
  }
}

/** The terminal's width when output goes to one (COLUMNS wins, as in shells); none when piped. */
function terminalWidth(env: NodeJS.ProcessEnv): number | undefined {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 20) return fromEnv;
  return process.stdout.isTTY ? process.stdout.columns : undefined;
}

async function openService(io: CliIo, v: Values): Promise<WarmclawService> {
  return WarmclawService.open({ env: io.env, configFlag: v.config, scan: !v['no-scan'], gatewayActivity: false });
}

/** Probes every local server once and prints what it found. */
export async function serverStatus(io: CliIo, v: Values, json: boolean): Promise<number> {
  const service = await openService(io, v);
  try {
    const endpoints = await service.snapshot();
    const ctx: StatusContext = { configured: new Map(), paused: pausedIn(service) };
    let mismatches: ReturnType<WarmclawService['monitor']['contextMismatches']> = [];
    try {
      const { doc } = await service.config.file.read();
      const models = configuredModels(doc);
      ctx.configured = new Map(models.map((m) => [m.ref, m.contextWindow] as const));
      ctx.roles = routingRoles(readRouting(doc));
      ctx.declared = new Map(readProviders(doc).map((p) => [p.id, p.models.map((m) => m.id)] as const));
      mismatches = service.monitor.contextMismatches(models);
    } catch (err) {
      if (!json) io.err(`warmclaw: ${(err as Error).message}`);
    }
    if (json) {
      io.out(JSON.stringify({ ok: true, data: { config: service.config.located.path, endpoints, contextFindings: mismatches } }, null, 2));
    } else {
      const say = cliSayer(io.env);
      io.out(statusTable(endpoints, { ...ctx, width: terminalWidth(io.env), say }, Date.now()));
      for (const m of mismatches) io.out(`${m.severity}: ${escapeControls(say(m.msg, m.message))}${m.fix ? ` (fix: ${escapeControls(say(m.fix.labelMsg, m.fix.label))})` : ''}`);
    }
    return 0;
  } finally {
    await service.stop();
  }
}

/** Warms one configured model now, the way the keeper would. */
export async function warmNow(io: CliIo, v: Values, json: boolean, ref: string | undefined): Promise<number> {
  if (!ref || !ref.includes('/')) usage('warm needs a model reference: warmclaw warm <provider/model>');
  const service = await WarmclawService.open({ env: io.env, configFlag: v.config, scan: false, gatewayActivity: false });
  try {
    const result = await service.warmRef(ref);
    const at = result.contextLength !== undefined ? ` at ${result.contextLength.toLocaleString('en-US')} tokens of context` : '';
    if (json) io.out(JSON.stringify({ ok: result.ok, data: result }));
    else if (result.ok) io.out(result.coldStart ? `${ref} was not loaded${at ? ' as OpenClaw needs it' : ''}: loading it${at} took ${Math.round(result.ms)} ms. It is warm now.` : `${ref} is warm${at} (${Math.round(result.ms)} ms).`);
    else io.err(`warmclaw: could not warm ${ref}: ${escapeControls(result.error ?? '')}`);
    return result.ok ? 0 : 2;
  } finally {
    await service.stop();
  }
}

/** Unloads one configured model now. */
export async function unloadNow(io: CliIo, v: Values, json: boolean, ref: string | undefined): Promise<number> {
  if (!ref || !ref.includes('/')) usage('unload needs a model reference: warmclaw unload <provider/model>');
  const service = await WarmclawService.open({ env: io.env, configFlag: v.config, scan: false, gatewayActivity: false });
  try {
    const result = await service.unloadRef(ref);
    if (json) io.out(JSON.stringify({ ok: result.ok, data: result }));
    // The hold lives in the process that unloads: a daemon keeping this model warm does not know of it.
    else if (result.ok) io.out(`${ref} is unloaded. If a Warmclaw daemon or app keeps it warm, it loads it again: use Unload there, or pause keeping warm.`);
    else io.err(`warmclaw: could not unload ${ref}: ${escapeControls(result.error ?? '')}`);
    return result.ok ? 0 : 2;
  } finally {
    await service.stop();
  }
}

/** `endpoints list|add|remove`: servers Warmclaw watches besides the config's providers. */
export async function endpointsCommand(io: CliIo, v: Values, json: boolean, sub: string | undefined, url: string | undefined): Promise<number> {
  const service = await WarmclawService.open({ env: io.env, configFlag: v.config, scan: false, gatewayActivity: false });
  const list = () => service.settings.get().endpoints;
  if (sub === 'list' || sub === undefined) {
    if (json) io.out(JSON.stringify({ ok: true, data: list() }));
    else if (list().length === 0) io.out('No endpoints added. The config\'s local providers and a scan of the usual ports are watched anyway.');
    else for (const e of list()) io.out(`${e.baseUrl}${e.kind ? `  (${e.kind})` : ''}${e.apiKeyEnv ? `  key from $${e.apiKeyEnv}` : ''}`);
    return 0;
  }
  if (!url) usage(`endpoints ${sub} needs a URL, e.g. http://127.0.0.1:8000`);
  const base = normalizeBaseUrl(url);
  if (!base) throw new WarmclawError('invalid-input', `"${url}" is not an http:// or https:// URL.`);
  if (sub === 'add') {
    if (v.kind && !(endpointKinds as readonly string[]).includes(v.kind)) usage(`--kind must be one of: ${endpointKinds.join(', ')}`);
    const entry = userEndpointSchema.parse({ baseUrl: base, kind: v.kind as EndpointKind | undefined, apiKeyEnv: v['api-key-env'] });
    service.settings.update((s) => ({ ...s, endpoints: [...s.endpoints.filter((e) => normalizeBaseUrl(e.baseUrl) !== base), entry] }));
    io.out(json ? JSON.stringify({ ok: true, data: list() }) : `Added ${base}. The daemon picks it up within a second.`);
    return 0;
  }
  if (sub === 'remove') {
    const before = list().length;
    service.settings.update((s) => ({ ...s, endpoints: s.endpoints.filter((e) => normalizeBaseUrl(e.baseUrl) !== base) }));
    if (list().length === before) throw new WarmclawError('not-found', `${base} is not in the endpoint list.`);
    io.out(json ? JSON.stringify({ ok: true, data: list() }) : `Removed ${base}.`);
    return 0;
  }
  usage('endpoints takes list, add or remove.');
}
