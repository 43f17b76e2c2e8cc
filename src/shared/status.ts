// What the monitor knows about each endpoint and model: the one shape the daemon's status command,
// the HTTP API, IPC and the UI all read. Plain data (JSON-safe), validated with zod at boundaries.
import { z } from 'zod';
import { messageSchema } from './message-schema';
import { serverKinds } from './openclaw-schema';

export const endpointKinds = serverKinds;
export type EndpointKind = (typeof endpointKinds)[number];

export const endpointHealth = ['up', 'down', 'degraded', 'unknown'] as const;
export type EndpointHealth = (typeof endpointHealth)[number];

export const modelStatusSchema = z.object({
  /** The id the server uses (LM Studio key, Ollama name, vLLM served name…). */
  id: z.string(),
  /** `provider/model` when the config declares it. */
  ref: z.string().optional(),
  state: z.enum(['loaded', 'loading', 'not-loaded', 'sleeping', 'unknown']),
  /** The runtime's human name for the model, where it has one (LM Studio display_name). */
  displayName: z.string().optional(),
  /** Context the model supports (trained / max). */
  maxContext: z.number().int().positive().optional(),
  /** Context the runtime actually allocated for the loaded instance. */
  loadedContext: z.number().int().positive().optional(),
  /** Wall-clock ms epoch when the runtime will unload it, when the runtime tells (Ollama expires_at). */
  expiresAt: z.number().optional(),
  /** How long the runtime keeps it loaded without requests, when it says (llama-swap `ttl`; 0 = until stopped). */
  idleUnloadMs: z.number().nonnegative().optional(),
  /** While loading: wall-clock ms epoch when Warmclaw first saw it loading (the UI counts "loading… N s" from it). */
  loadingSince: z.number().optional(),
  sizeBytes: z.number().nonnegative().optional(),
  vramBytes: z.number().nonnegative().optional(),
  /** Takes images, where the runtime says so (LM Studio type vlm / capabilities.vision, Ollama "vision"). */
  vision: z.boolean().optional(),
  /** A thinking model, where the runtime says so (LM Studio capabilities.reasoning, Ollama "thinking"). */
  reasoning: z.boolean().optional(),
  /** Keep-warm status for this model. */
  warm: z
    .object({
      enabled: z.boolean(),
      lastPingAt: z.number().optional(),
      nextPingAt: z.number().optional(),
      lastColdStartMs: z.number().optional(),
      lastColdStartAt: z.number().optional(),
      pings: z.number().int().nonnegative(),
      coldStarts: z.number().int().nonnegative(),
      lastError: z.string().optional(),
      /** `lastError` as a code the UI translates, when the engine worded it. */
      lastErrorMsg: messageSchema.optional(),
    })
    .optional(),
});
export type ModelStatus = z.infer<typeof modelStatusSchema>;

/**
 * Memory in use on the machine a server runs on, as the server itself reports it (llama-swap's
 * /api/performance: every GPU's memory, and the system RAM). Whole-machine figures, not per model:
 * for a runtime that gives none per model, the nearest honest answer to "what does keeping warm cost".
 */
export const hostMemorySchema = z.object({
  gpuUsedBytes: z.number().nonnegative().optional(),
  gpuTotalBytes: z.number().nonnegative().optional(),
  /** How many GPUs the GPU figures add up. */
  gpus: z.number().int().nonnegative().optional(),
  ramUsedBytes: z.number().nonnegative().optional(),
  ramTotalBytes: z.number().nonnegative().optional(),
});
export type HostMemory = z.infer<typeof hostMemorySchema>;

export const endpointStatusSchema = z.object({
  /** Stable id: the base URL as probed, e.g. http://127.0.0.1:1234 */
  id: z.string(),
  baseUrl: z.string(),
  kind: z.enum(endpointKinds).optional(),
  /** Where we learned about it. */
  source: z.enum(['config', 'user', 'scan']),
  /** Provider id in openclaw.json, when the config declares this endpoint. */
  providerId: z.string().optional(),
  health: z.enum(endpointHealth),
  /** What the server says it is doing while it answers: asleep by design (llama.cpp, vLLM) or loading a model. */
  activity: z.enum(['sleeping', 'loading']).optional(),
  /** Wall-clock ms epoch when that activity was first seen (kept across probes while it lasts). */
  activitySince: z.number().optional(),
  /** Plain words for `activity` ("llama-server is asleep…; the next request reloads it"). */
  note: z.string().optional(),
  noteMsg: messageSchema.optional(),
  /** Why a down server is down: nothing listens (refused: stopped) or nothing answers (timeout, no route). */
  reach: z.enum(['refused', 'no-answer']).optional(),
  version: z.string().optional(),
  latencyMs: z.number().nonnegative().optional(),
  /** Recent latencies, oldest first (bounded window). */
  latencyWindow: z.array(z.number().nonnegative()),
  models: z.array(modelStatusSchema),
  /** The machine's memory in use, where the server reports it (llama-swap). */
  hostMemory: hostMemorySchema.optional(),
  /** Whether POST /v1/responses is served (guide's openai-responses) or only chat completions. */
  responsesApi: z.boolean().optional(),
  /** Plain words: "connection refused on 127.0.0.1:1234 — is LM Studio's server started?" */
  lastError: z.string().optional(),
  /** `lastError` as a code the UI translates, when the engine worded it (a server's own words have none). */
  lastErrorMsg: messageSchema.optional(),
  /** When localhost and 127.0.0.1 disagree, say so. */
  localhostMismatch: z.string().optional(),
  checkedAt: z.number().optional(),
  changedAt: z.number().optional(),
});
export type EndpointStatus = z.infer<typeof endpointStatusSchema>;

/** One request OpenClaw's gateway made to a model and timed (its diagnostics, core/openclaw/gateway-activity.ts). */
export const modelCallSchema = z.object({
  /** `provider/model` as OpenClaw names it. */
  ref: z.string(),
  /** Wall-clock ms epoch the call completed. */
  at: z.number(),
  /** Request to last byte. */
  ms: z.number().nonnegative(),
  /** Request to the first byte (a cold load shows here). */
  ttfbMs: z.number().nonnegative().optional(),
});
export type ModelCall = z.infer<typeof modelCallSchema>;

/** How many of OpenClaw's calls are kept per model, and for how many models (engine and UI alike). */
export const MODEL_CALLS_PER_REF = 30;
export const MODEL_CALL_REFS = 50;

/** `calls` (oldest first) with `call` added, each model's list and the number of models bounded as the engine bounds them. */
export function withModelCall(calls: readonly ModelCall[], call: ModelCall): ModelCall[] {
  const next = [...calls, call];
  const byRef = new Map<string, number>();
  for (const c of next) byRef.set(c.ref, (byRef.get(c.ref) ?? 0) + 1);
  // Drop the model called longest ago once too many are known (its last call is the oldest).
  const lastAt = new Map<string, number>();
  for (const c of next) lastAt.set(c.ref, Math.max(lastAt.get(c.ref) ?? 0, c.at));
  const dropped = new Set([...lastAt].sort((a, b) => a[1] - b[1]).slice(0, Math.max(0, lastAt.size - MODEL_CALL_REFS)).map(([ref]) => ref));
  const out: ModelCall[] = [];
  for (const c of next) {
    if (dropped.has(c.ref)) continue;
    const left = byRef.get(c.ref)!;
    byRef.set(c.ref, left - 1);
    if (left <= MODEL_CALLS_PER_REF) out.push(c);
  }
  return out;
}

export const monitorEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('endpoint-changed'), endpoint: endpointStatusSchema }),
  z.object({ type: z.literal('endpoint-removed'), id: z.string() }),
  z.object({
    type: z.literal('cold-start'),
    endpointId: z.string(),
    modelId: z.string(),
    /** How long the load took (by: client — at most this long: the time between two looks that saw it cold, then loaded). */
    ms: z.number(),
    /** Who loaded it: Warmclaw's warm request, or a client (OpenClaw) whose request had to wait for the load. */
    by: z.enum(['warmclaw', 'client']).optional(),
  }),
  z.object({ type: z.literal('warm-ping'), endpointId: z.string(), modelId: z.string(), ok: z.boolean(), error: z.string().optional() }),
  z.object({ type: z.literal('idle-unload'), endpointId: z.string(), modelId: z.string(), idleMs: z.number() }),
  z.object({ type: z.literal('failover'), direction: z.enum(['to-hosted', 'to-local']), reason: z.string(), reasonMsg: messageSchema.optional() }),
  /** OpenClaw finished (and timed) a request to a model: the dashboard charts it beside the probes. */
  modelCallSchema.extend({ type: z.literal('model-call') }),
]);
export type MonitorEvent = z.infer<typeof monitorEventSchema>;
