// Ollama (default port 11434, native API). /api/tags = downloaded, /api/ps = loaded (expires_at,
// allocated context_length, size_vram), /api/show = trained context (model_info["<arch>.context_length"]).
// Keep-warm is a prompt-less POST /api/generate with keep_alive: it loads without generating
// (done_reason "load"). It must carry the same `options` (num_ctx…) as OpenClaw's real requests:
// different runner options make Ollama reload the model (sched.go needsReload).
import { msg } from '../../../shared/messages';
import type { ModelStatus } from '../../../shared/status';
import {
  type Adapter,
  type AdapterOptions,
  clean,
  context,
  EndpointError,
  errorBody,
  getJson,
  isRecord,
  must,
  nonNeg,
  posInt,
  postJson,
  probeResponsesRoute,
  records,
  str,
  timedProbe,
  type Json, failedProbe, warmFailure } from './common';
import { statusMessage } from './http';
import type { EndpointTarget, WarmResult } from './types';

/** A load_duration above this (ns → ms) means the request paid a cold start even if /api/ps was not read. */
export const OLLAMA_COLD_LOAD_MS = 500;

/** Ollama treats "llama3.2" and "llama3.2:latest" as the same model. */
export function sameOllamaModel(a: string, b: string): boolean {
  const norm = (s: string) => (/:[^/]+$/.test(s) ? s : `${s}:latest`);
  return norm(a) === norm(b);
}

/** expires_at (RFC 3339 with ns and offset) → ms epoch; undefined when absent or unparsable. */
export function expiresAtMs(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  // Date.parse accepts at most ms precision in some engines: trim fractional seconds to 3 digits.
  const t = Date.parse(v.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(t) ? t : undefined;
}

function nameOf(e: Json): string | undefined {
  return str(e.name) ?? str(e.model);
}

/** Reads GET /api/ps into loaded statuses. */
export function readOllamaPs(json: unknown): ModelStatus[] {
  if (!isRecord(json)) return [];
  return records(json.models)
    .filter((e) => nameOf(e) !== undefined)
    .map((e) =>
      clean<ModelStatus>({
        id: nameOf(e)!,
        state: 'loaded',
        loadedContext: posInt(e.context_length),
        expiresAt: expiresAtMs(e.expires_at),
        sizeBytes: nonNeg(e.size),
        vramBytes: nonNeg(e.size_vram),
      }),
    );
}

/** Reads GET /api/tags into not-loaded statuses (newer builds carry details.context_length = trained ctx). */
export function readOllamaTags(json: unknown): ModelStatus[] {
  if (!isRecord(json)) return [];
  return records(json.models)
    .filter((e) => nameOf(e) !== undefined)
    .map((e) =>
      clean<ModelStatus>({
        id: nameOf(e)!,
        state: 'not-loaded',
        maxContext: isRecord(e.details) ? posInt(e.details.context_length) : undefined,
        sizeBytes: nonNeg(e.size),
        // Newer builds list capabilities in /api/tags (older ones only in /api/show).
        ...(Array.isArray(e.capabilities) && { vision: e.capabilities.includes('vision'), reasoning: e.capabilities.includes('thinking') }),
      }),
    );
}

/** Trained context from an /api/show body: model_info[`${general.architecture}.context_length`]. */
export function trainedContextFromShow(json: unknown): number | undefined {
  if (!isRecord(json) || !isRecord(json.model_info)) return undefined;
  const info = json.model_info;
  const arch = str(info['general.architecture']);
  if (arch) {
    const v = posInt(info[`${arch}.context_length`]);
    if (v) return v;
  }
  // Fallback for bodies without general.architecture: the one *.context_length key.
  const keys = Object.keys(info).filter((k) => k.endsWith('.context_length'));
  return keys.length === 1 ? posInt(info[keys[0]!]) : undefined;
}

/** Creates the Ollama adapter. */
export function createOllamaAdapter(opts: AdapterOptions = {}): Adapter {
  const ctx = context('ollama', opts);

  async function ps(target: EndpointTarget): Promise<ModelStatus[]> {
    return readOllamaPs(must(await getJson(ctx, target, '/api/ps')));
  }

  return {
    kind: 'ollama',

    probe: (target) =>
      timedProbe('ollama', async () => {
        const root = await ctx.http.send(target, '/', { timeoutMs: ctx.timeoutMs, serverName: ctx.serverName });
        if (!root.ok) return failedProbe(root.error);
        if (!/Ollama is running/i.test(root.res.text)) {
          if (root.res.status === 403) return { ok: true, degraded: msg('server.ollama-host-refused') };
          if (root.res.status >= 400) return { ok: false, error: statusMessage(root.res.status, root.res, { path: '/', apiKey: target.apiKey, serverName: ctx.serverName }) };
          return { ok: false, error: msg('probe.not-ollama', { url: target.baseUrl }) };
        }
        const v = await getJson(ctx, target, '/api/version');
        return { ok: true, version: v.ok && isRecord(v.json) ? str(v.json.version) : undefined };
      }),

    async listModels(target) {
      const tags = readOllamaTags(must(await getJson(ctx, target, '/api/tags')));
      let loaded: ModelStatus[] = [];
      try {
        loaded = await ps(target);
      } catch {
        loaded = []; // the downloaded list is still right; loaded state is unknown for this round
      }
      const out = tags.map((t) => {
        const l = loaded.find((x) => sameOllamaModel(x.id, t.id));
        return l ? clean<ModelStatus>({ ...t, ...l, id: t.id, maxContext: t.maxContext, sizeBytes: l.sizeBytes ?? t.sizeBytes }) : t;
      });
      for (const l of loaded) if (!out.some((m) => sameOllamaModel(m.id, l.id))) out.push(l);
      return out;
    },

    loadedModels: ps,

    async contextOf(target, modelId) {
      const show = await postJson(ctx, target, '/api/show', { model: modelId });
      if (!show.ok) throw new EndpointError(show.status === 404 ? `Ollama has no model "${modelId}" (ollama pull ${modelId})` : show.error.msg ?? show.error.message, show.status);
      let loadedContext: number | undefined;
      try {
        loadedContext = (await ps(target)).find((m) => sameOllamaModel(m.id, modelId))?.loadedContext;
      } catch {
        loadedContext = undefined;
      }
      return clean({ maxContext: trainedContextFromShow(show.json), loadedContext });
    },

    async warm(target, modelId, warmOpts = {}): Promise<WarmResult> {
      // Loaded before? And with the same context? (A different num_ctx means this ping reloads it.)
      let before: ModelStatus | undefined;
      let psKnown = true;
      try {
        before = (await ps(target)).find((m) => sameOllamaModel(m.id, modelId));
      } catch {
        psKnown = false;
      }
      const body: Json = { model: modelId, stream: false };
      if (warmOpts.keepAlive !== undefined) body.keep_alive = warmOpts.keepAlive;
      if (warmOpts.options && Object.keys(warmOpts.options).length > 0) body.options = warmOpts.options;
      const out = await postJson(ctx, target, '/api/generate', body, ctx.warmTimeoutMs);
      if (!out.ok) return out.status === 404 ? { ok: false, ms: out.ms, error: `Ollama has no model "${modelId}" (ollama pull ${modelId})` } : warmFailure(out.error, out.ms);
      const err = errorBody(out.json);
      if (err !== undefined) return { ok: false, ms: out.res.ms, error: err };
      const res = isRecord(out.json) ? out.json : {};
      const loadMs = typeof res.load_duration === 'number' ? res.load_duration / 1e6 : undefined;
      const wantCtx = posInt(warmOpts.options?.num_ctx);
      const reload = before !== undefined && wantCtx !== undefined && before.loadedContext !== undefined && before.loadedContext !== wantCtx;
      let loaded: boolean | undefined;
      if (loadMs !== undefined && loadMs >= OLLAMA_COLD_LOAD_MS) loaded = true;
      else if (psKnown) loaded = before === undefined || reload;
      else if (loadMs !== undefined) loaded = false;
      return clean({ ok: true, ms: out.res.ms, loaded });
    },

    async unload(target, modelId): Promise<WarmResult> {
      // Ollama's documented unload: a prompt-less request with keep_alive 0.
      const out = await postJson(ctx, target, '/api/generate', { model: modelId, keep_alive: 0, stream: false });
      if (!out.ok) return out.status === 404 ? { ok: false, ms: out.ms, error: `Ollama has no model "${modelId}"` } : warmFailure(out.error, out.ms);
      const err = errorBody(out.json);
      return err !== undefined ? { ok: false, ms: out.res.ms, error: err } : { ok: true, ms: out.res.ms };
    },

    async fingerprint(target) {
      const root = await ctx.http.send(target, '/', { timeoutMs: ctx.timeoutMs, serverName: ctx.serverName });
      if (!root.ok || root.res.status !== 200 || !/^\s*Ollama is running\s*$/i.test(root.res.text)) return false;
      const v = await getJson(ctx, target, '/api/version');
      // The root text is decisive; /api/version only confirms when it answers.
      return !v.ok || (isRecord(v.json) && typeof v.json.version === 'string');
    },

    responsesApi: (target) => probeResponsesRoute(ctx, target),
  };
}
