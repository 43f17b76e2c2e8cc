// The subset of OpenClaw's config that Warmclaw reads and edits, plus the zod inputs of every edit.
// Everything else in a user's file is passed through untouched; OpenClaw itself is the full validator.
import { z } from 'zod';
import { providerApis, serverKinds } from './openclaw-constants';

export { DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_TOKENS, GUIDE_MIN_CONTEXT, OPENCLAW_MIN_CONTEXT, OPENCLAW_PROMPT_MIN_CONTEXT, OPENCLAW_WARN_CONTEXT, providerApis, serverKinds } from './openclaw-constants';
export type { ProviderApi, ServerKind } from './openclaw-constants';

/** `provider/model`; the model part may itself contain `/` (e.g. `lmstudio/qwen/qwen3-32b`). */
export const modelRefSchema = z
  .string()
  .trim()
  .regex(/^[^/\s]+\/\S+$/, 'a model reference looks like provider/model, e.g. lmstudio/qwen3-32b');
export type ModelRef = z.infer<typeof modelRefSchema>;

export const providerIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a provider id uses letters, digits, dot, dash or underscore (no slash)');

const positiveInt = z.number().int().positive();

export const modelInputSchema = z.object({
  id: z.string().trim().min(1, 'a model id is required'),
  name: z.string().trim().min(1).optional(),
  contextWindow: positiveInt.optional(),
  maxTokens: positiveInt.optional(),
  reasoning: z.boolean().optional(),
  input: z.array(z.enum(['text', 'image'])).min(1).optional(),
});
export type ModelInput = z.infer<typeof modelInputSchema>;

export const addProviderInputSchema = z.object({
  kind: z.enum(serverKinds),
  id: providerIdSchema.optional(),
  baseUrl: z.url({ protocol: /^https?$/, error: 'the base URL must be an http:// or https:// URL' }).optional(),
  api: z.enum(providerApis).optional(),
  apiKey: z.string().min(1).optional(),
  models: z.array(modelInputSchema).min(1, 'name at least one model (--model)'),
});
export type AddProviderInput = z.infer<typeof addProviderInputSchema>;

export const setModelLimitsInputSchema = z
  .object({ ref: modelRefSchema, contextWindow: positiveInt.optional(), maxTokens: positiveInt.optional() })
  .refine((v) => v.contextWindow !== undefined || v.maxTokens !== undefined, 'give a context window, max tokens, or both');
export type SetModelLimitsInput = z.infer<typeof setModelLimitsInputSchema>;

/** OpenClaw's per-model cost (USD per million tokens); local models are usually all zero. */
export const modelCostSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative(),
});

export const setModelDetailsInputSchema = z
  .object({
    ref: modelRefSchema,
    name: z.string().trim().min(1).max(120).optional(),
    reasoning: z.boolean().optional(),
    input: z.array(z.enum(['text', 'image'])).min(1, 'a model takes at least text').optional(),
    cost: modelCostSchema.optional(),
  })
  .refine((v) => v.name !== undefined || v.reasoning !== undefined || v.input !== undefined || v.cost !== undefined, 'give a name, reasoning, input kinds or cost');
export type SetModelDetailsInput = z.infer<typeof setModelDetailsInputSchema>;

export const setPrimaryInputSchema = z.object({ ref: modelRefSchema });
export const setFallbacksInputSchema = z.object({ refs: z.array(modelRefSchema) });
export const setAliasInputSchema = z.object({ ref: modelRefSchema, alias: z.string().trim().min(1).max(64) });
export const removeAliasInputSchema = z.object({ ref: modelRefSchema });
/** `withRefs`: also drop the routing entries and aliases that name the provider, in the same change. */
export const removeProviderInputSchema = z.object({ id: z.string().min(1).max(200), withRefs: z.boolean().optional() });
export type RemoveProviderInput = z.infer<typeof removeProviderInputSchema>;
/** `coverAgents`: also put the local model first for agents that set a model of their own (they win over the defaults). */
export const localFirstInputSchema = z.object({ localRef: modelRefSchema.optional(), coverAgents: z.boolean().optional() });
/**
 * OpenClaw's own knobs for a provider (see docs/decisions/0007-provider-knobs.md for where each lives):
 * provider-level `timeoutSeconds`, `params.keep_alive` / `params.num_ctx` / `params.preload`,
 * `localService.idleStopMs`, and the per-model `contextTokens` (set on every declared model of the
 * provider, or on `model` alone). A value sets the key; `null` removes it; absent leaves it alone.
 */
export const keepAliveSchema = z.union([
  z.string().regex(/^-?\d+(?:\.\d+)?(?:ms|s|m|h)?$/, 'a duration such as 30m, 1h, 300s or -1 (forever)'),
  z.number().int(),
]);
export const setProviderOptionsInputSchema = z
  .object({
    provider: z.string().min(1).max(200),
    timeoutSeconds: positiveInt.nullable().optional(),
    keepAlive: keepAliveSchema.nullable().optional(),
    numCtx: positiveInt.nullable().optional(),
    preload: z.boolean().nullable().optional(),
    idleStopMs: z.number().int().nonnegative().nullable().optional(),
    contextTokens: positiveInt.nullable().optional(),
    /** Limits `contextTokens` to this model id of the provider. */
    model: z.string().min(1).optional(),
  })
  .refine(
    (v) => ['timeoutSeconds', 'keepAlive', 'numCtx', 'preload', 'idleStopMs', 'contextTokens'].some((k) => v[k as keyof typeof v] !== undefined),
    'give at least one setting to change',
  );
export type SetProviderOptionsInput = z.infer<typeof setProviderOptionsInputSchema>;

/** `agents.defaults.model` is either a bare ref or `{ primary, fallbacks }` (OpenClaw accepts both). */
export type AgentModelSetting = string | { primary?: string; fallbacks?: string[]; [k: string]: unknown };

/** The routing as Warmclaw reasons about it, whatever shape the file uses. */
export interface Routing {
  primary?: string;
  fallbacks: string[];
}

