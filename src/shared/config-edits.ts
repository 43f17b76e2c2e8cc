// Every change Warmclaw can make to openclaw.json, as one zod-validated command union. The CLI, the
// daemon's HTTP API, Electron IPC and lint "fix" buttons all speak this; core/openclaw/edits.ts runs it.
import { z } from 'zod';
import {
  addProviderInputSchema,
  localFirstInputSchema,
  modelRefSchema,
  removeAliasInputSchema,
  removeProviderInputSchema,
  setAliasInputSchema,
  setFallbacksInputSchema,
  setModelDetailsInputSchema,
  setModelLimitsInputSchema,
  setPrimaryInputSchema,
  setProviderOptionsInputSchema,
} from './openclaw-schema';
import { messageSchema } from './message-schema';

export const editCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('add-provider'), input: addProviderInputSchema }),
  z.object({ type: z.literal('remove-provider'), input: removeProviderInputSchema }),
  z.object({ type: z.literal('set-limits'), input: setModelLimitsInputSchema }),
  z.object({ type: z.literal('set-model-details'), input: setModelDetailsInputSchema }),
  z.object({ type: z.literal('set-primary'), input: setPrimaryInputSchema }),
  z.object({ type: z.literal('set-fallbacks'), input: setFallbacksInputSchema }),
  z.object({ type: z.literal('set-alias'), input: setAliasInputSchema }),
  z.object({ type: z.literal('remove-alias'), input: removeAliasInputSchema }),
  z.object({ type: z.literal('local-first-on'), input: localFirstInputSchema }),
  z.object({ type: z.literal('local-first-off'), input: z.object({}) }),
  z.object({ type: z.literal('set-provider-options'), input: setProviderOptionsInputSchema }),
  z.object({ type: z.literal('set-base-url'), input: z.object({ provider: z.string().min(1), baseUrl: z.string().min(1), api: z.string().optional() }) }),
  z.object({ type: z.literal('set-mode'), input: z.object({ mode: z.enum(['merge', 'replace']) }) }),
  z.object({ type: z.literal('enable-compaction'), input: z.object({}) }),
]);
export type EditCommand = z.infer<typeof editCommandSchema>;

export const warningSchema = z.object({
  code: z.string(),
  severity: z.enum(['warning', 'info']),
  path: z.string().optional(),
  message: z.string(),
  /** `message` as a code the UI translates (messages.ts). */
  msg: messageSchema.optional(),
  /** A one-click fix, when there is an obvious one. */
  fix: z.object({ label: z.string(), labelMsg: messageSchema.optional(), command: editCommandSchema }).optional(),
  /** A one-click server action instead of a file change: warm (load) this model now, as OpenClaw will need it. */
  load: z.object({ label: z.string(), labelMsg: messageSchema.optional(), ref: z.string(), contextLength: z.number().int().positive().optional() }).optional(),
});
export type ConfigWarning = z.infer<typeof warningSchema>;

export { modelRefSchema };
