// The one API map every transport agrees on: name -> { kind, input: zod, output: zod }, plus the
// events pushed to the UI. The daemon's HTTP server and (later) Electron IPC both call
// core/api/handler.ts, which parses every input with these schemas. Pure zod: no Node, no Electron.
// Every output is plain JSON (no Dates, Maps or undefined-only semantics the UI would rely on).
import { z } from 'zod';
import { editCommandSchema, warningSchema } from './config-edits';
import { LOG_RECENT_MAX, logLevels } from './log-lines';
import { messageSchema } from './message-schema';
import { settingsSchema, userEndpointSchema } from './settings';
import { endpointKinds, endpointStatusSchema, modelCallSchema, monitorEventSchema } from './status';

// ---- shared pieces --------------------------------------------------------------------------------

export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** `message` as a code the UI translates, for the errors the engine words that way. */
  msg: messageSchema.optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  /** What the input may have meant, closest first (e.g. a model ref the provider does list). */
  suggestions: z.array(z.string()).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Every answer, whatever the transport. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

const empty = z.object({}).strict();
/** Queries and commands without input accept nothing, `{}` or null (a GET has no body). */
const noInput = z.preprocess((v) => (v === undefined || v === null ? {} : v), empty);

export const validationIssueSchema = z.object({ path: z.string(), message: z.string() });

export const failoverStatusSchema = z.object({
  enabled: z.boolean(),
  mode: z.enum(['local', 'hosted']),
  localRef: z.string().optional(),
  healthy: z.boolean().nullable(),
  reason: z.string(),
  reasonMsg: messageSchema.optional(),
  unhealthySince: z.number().optional(),
  healthySince: z.number().optional(),
  lastSwitchAt: z.number().optional(),
  /** Why and when Warmclaw last switched the routing. */
  lastSwitch: z.object({ direction: z.enum(['to-hosted', 'to-local']), at: z.number(), localRef: z.string(), primary: z.string().optional(), reason: z.string(), reasonMsg: messageSchema.optional() }).optional(),
  /** A switch is due but waits for a running OpenClaw turn on the local model to end. */
  waitingForRun: z.boolean().optional(),
  switches: z.number().int().nonnegative(),
  lastError: z.string().optional(),
  lastErrorMsg: messageSchema.optional(),
});

/**
 * The tray's one-word state. Precedence: config-problem > local-down > paused > warming > all-warm /
 * watching. "all-warm" only when at least one model is kept warm and every kept model is loaded;
 * "watching" when servers answer but nothing is kept warm (nothing to claim warm).
 */
export const traySummaryStates = ['all-warm', 'watching', 'warming', 'local-down', 'config-problem', 'paused'] as const;
export type TraySummaryState = (typeof traySummaryStates)[number];

export const summaryReasonKeys = ['every-model-warm', 'nothing-kept-warm', 'no-servers', 'paused', 'warm-off', 'checking', 'warming'] as const;
export type SummaryReasonKey = (typeof summaryReasonKeys)[number];

export const statusOutputSchema = z.object({
  endpoints: z.array(endpointStatusSchema),
  failover: failoverStatusSchema,
  summary: z.object({
    state: z.enum(traySummaryStates),
    /** English sentence (tray tooltip, logs). */
    reason: z.string(),
    /** For generic reasons, a stable key the UI translates (with `models` for `warming`); absent when the reason quotes a server or the config. */
    reasonKey: z.enum(summaryReasonKeys).optional(),
    /** A reason that quotes servers, as a code the UI translates (the servers' own words stay as they are). */
    reasonMsg: messageSchema.optional(),
    models: z.array(z.string()).optional(),
  }),
  /** Refs kept warm (the user's list, else the routing's local model), known even while their server is down. */
  keepWarm: z.array(z.string()).optional(),
  /** Refs whose configured context OpenClaw refuses (blocked by config). */
  blocked: z.array(z.string()).optional(),
  /** OpenClaw's own recent model calls, timed by its gateway, oldest first (bounded per model; absent without a gateway). */
  modelCalls: z.array(modelCallSchema).optional(),
});

/** An API key as the UI may see it: never the key itself. */
export const maskedKeySchema = z.object({
  state: z.enum(['not-set', 'env', 'set']),
  /** `env`: the variable's name (`LMS_KEY`); `set`: a hint like `lm••••io` (only for keys long enough that it reveals little). */
  hint: z.string().optional(),
});

export const configViewSchema = z.object({
  path: z.string(),
  source: z.string(),
  exists: z.boolean(),
  readOnly: z.boolean(),
  readOnlyReason: z.string().optional(),
  readOnlyReasonMsg: messageSchema.optional(),
  routing: z.object({ primary: z.string().optional(), fallbacks: z.array(z.string()) }),
  localFirst: z.object({
    on: z.boolean(),
    remembered: z.boolean(),
    /** The order turning it off brings back (when remembered): the help says exactly that, not "usually". */
    restores: z.object({ primary: z.string().optional(), fallbacks: z.array(z.string()) }).optional(),
  }),
  providers: z.array(
    z.object({
      id: z.string(),
      baseUrl: z.string().optional(),
      api: z.string().optional(),
      local: z.boolean(),
      apiKey: maskedKeySchema,
      /** OpenClaw's own knobs as the file has them (provider-options.ts); contextTokens per model below. */
      options: z
        .object({ timeoutSeconds: z.number(), keepAlive: z.union([z.string(), z.number()]), numCtx: z.number(), preload: z.boolean(), idleStopMs: z.number(), localService: z.boolean() })
        .partial()
        .optional(),
      models: z.array(
        z.object({
          id: z.string(),
          name: z.string().optional(),
          contextWindow: z.number().optional(),
          maxTokens: z.number().optional(),
          contextTokens: z.number().optional(),
          reasoning: z.boolean().optional(),
          input: z.array(z.string()).optional(),
          cost: z.object({ input: z.number(), output: z.number(), cacheRead: z.number(), cacheWrite: z.number() }).partial().optional(),
        }),
      ),
    }),
  ),
  aliases: z.array(z.object({ ref: z.string(), alias: z.string() })),
  /** Every listed agent's effective routing by OpenClaw's rule (core/openclaw/agents.ts); its own model beats the defaults. */
  agents: z
    .array(
      z.object({
        id: z.string(),
        primary: z.string().optional(),
        fallbacks: z.array(z.string()),
        primaryFrom: z.enum(['agent', 'defaults']),
        fallbacksFrom: z.enum(['agent', 'defaults']),
        local: z.boolean(),
        followsLocalFirst: z.boolean(),
      }),
    )
    .optional(),
  /** Warmclaw's lint plus the context-window findings against what the servers loaded. */
  warnings: z.array(warningSchema),
  /** OpenClaw's own validator on the current file (ran: false when no OpenClaw CLI is installed). */
  openclaw: z.object({ ran: z.boolean(), issues: z.array(validationIssueSchema) }),
});
export type ConfigView = z.infer<typeof configViewSchema>;

export const backupInfoSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  bytes: z.number(),
  reason: z.string(),
  /** `reason` as a code the UI translates (absent for backups made before codes existed). */
  reasonMsg: messageSchema.optional(),
  /** Set when Warmclaw made the write on its own (auto-failover), with why. */
  origin: z.object({ by: z.literal('failover'), why: z.string(), whyMsg: messageSchema.optional() }).optional(),
});

export const previewResultSchema = z.object({
  changed: z.boolean(),
  summary: z.string(),
  summaryMsg: messageSchema.optional(),
  diff: z.string(),
  /** Hand-written comments beside changed lines (kept as written; they may no longer be true). */
  commentHints: z.array(z.object({ line: z.number().int().positive(), comment: z.string() })).optional(),
  warnings: z.array(warningSchema),
  /** previewUndo: the backup that undo would put back (pass it to config.undo so a newer write is not undone blindly). */
  backupId: z.string().optional(),
});

export const applyResultSchema = z.object({
  changed: z.boolean(),
  summary: z.string(),
  summaryMsg: messageSchema.optional(),
  warnings: z.array(warningSchema),
  diff: z.string(),
  backup: backupInfoSchema.optional(),
  gateway: z
    .object({
      status: z.enum(['applied', 'rejected', 'unconfirmed', 'written-through-gateway']),
      issues: z.array(validationIssueSchema).optional(),
      message: z.string(),
    })
    .optional(),
  existingIssues: z.array(validationIssueSchema),
  validated: z.boolean(),
});
export type ApplyResultView = z.infer<typeof applyResultSchema>;

// Settings patches are written by hand: `.partial()` of the settings schema would fill nested
// defaults in and reset fields the caller did not mention.
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const settingsPatchSchema = z
  .object({
    endpoints: z.array(userEndpointSchema),
    scan: z.object({ enabled: z.boolean(), ports: z.array(z.number().int().min(1).max(65535)) }).partial().strict(),
    poll: z.object({ fastMs: z.number().int(), slowMs: z.number().int() }).partial().strict(),
    warm: z
      .object({
        enabled: z.boolean(),
        paused: z.boolean(),
        models: z.array(z.string()).nullable(),
        keepAlive: z.string(),
        idleUnloadMin: z.number().int().min(1).max(24 * 60).nullable(),
        allowCompletionPings: z.boolean(),
        schedule: z.object({ days: z.array(z.number().int().min(0).max(6)).min(1), start: hhmm, end: hhmm }).nullable(),
      })
      .partial()
      .strict(),
    failover: z.object({ enabled: z.boolean(), downForSec: z.number().int(), stableForSec: z.number().int() }).partial().strict(),
    openclawBin: z.string(),
    language: z.enum(['en', 'vi']),
    notifications: z.boolean(),
    launchAtLogin: z.boolean(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const warmNowOutputSchema = z.object({ ref: z.string(), ok: z.boolean(), ms: z.number(), coldStart: z.boolean(), error: z.string().optional() });

/** `model.test` / `warmclaw test --json`: one streamed chat offering one tool (core/model-test). */
export const modelTestOutputSchema = z.object({
  ref: z.string(),
  reachable: z.boolean(),
  api: z.string(),
  /** Time to the first streamed token or tool-call piece (includes any load). */
  ttftMs: z.number().optional(),
  totalMs: z.number(),
  outputTokens: z.number().optional(),
  tokensPerSec: z.number().optional(),
  toolCall: z.enum(['well-formed', 'malformed', 'none']),
  toolName: z.string().optional(),
  toolArguments: z.unknown().optional(),
  /** The start of any text the model wrote instead of calling the tool. */
  text: z.string().optional(),
  error: z.string().optional(),
  /** The context the server reports the model loaded at, after the test. */
  contextLength: z.number().optional(),
});
export type ModelTestOutput = z.infer<typeof modelTestOutputSchema>;

/** `log.recent` / `warmclaw log`: which recent lines of the log file to show. */
export const logQuerySchema = z
  .object({
    /** This level and the more severe ones. */
    level: z.enum(logLevels).optional(),
    /** Case-insensitive text anywhere in the line as shown (message and fields). */
    text: z.string().max(200).optional(),
    /** One server: its endpoint id (the base URL the monitor probes). */
    server: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(LOG_RECENT_MAX).optional(),
  })
  .strict();
export type LogQuery = z.infer<typeof logQuerySchema>;

/** One log line as the file holds it: secrets already redacted, control characters shown as \u001b. */
export const logEntrySchema = z.object({
  /** ISO time the line was written ('' for a line that is not one of ours). */
  t: z.string(),
  level: z.enum([...logLevels, 'other']),
  msg: z.string(),
  /** The line's other fields, as the JSON text the file holds ('' when none). */
  fields: z.string(),
  /** The server the line is about, when it names one. */
  server: z.string().optional(),
  /** The line was longer than the view shows. */
  truncated: z.boolean().optional(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const logPageSchema = z.object({
  /** The log file read (null when this process writes none). */
  file: z.string().nullable(),
  /** Newest first. */
  entries: z.array(logEntrySchema),
  /** More lines matched than were sent, or older lines exist beyond what was read. */
  more: z.boolean(),
});
export type LogPage = z.infer<typeof logPageSchema>;

// ---- the map ---------------------------------------------------------------------------------------

const query = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ kind: 'query' as const, input, output });
const command = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ kind: 'command' as const, input, output });

export const contract = {
  status: query(noInput, statusOutputSchema),
  'config.get': query(noInput, configViewSchema),
  'config.backups': query(noInput, z.array(backupInfoSchema)),
  'settings.get': query(noInput, settingsSchema),
  /** The newest lines of this process's log file (daemon.log or app.log), filtered, newest first. */
  'log.recent': query(z.preprocess((v) => (v === undefined || v === null ? {} : v), logQuerySchema), logPageSchema),

  'config.preview': command(editCommandSchema, previewResultSchema),
  'config.apply': command(editCommandSchema, applyResultSchema),
  /** The diff `config.undo` would apply (writes nothing; a command only because the UI asks it right before confirming). */
  'config.previewUndo': command(noInput, previewResultSchema),
  'config.previewRestore': command(z.object({ id: z.string().min(1) }).strict(), previewResultSchema),
  'config.undo': command(z.preprocess((v) => (v === undefined || v === null ? {} : v), z.object({ backupId: z.string().min(1).optional() }).strict()), applyResultSchema),
  'config.restore': command(z.object({ id: z.string().min(1) }).strict(), applyResultSchema),
  'settings.update': command(settingsPatchSchema, settingsSchema),
  'warm.now': command(z.object({ ref: z.string().regex(/^[^/]+\/.+$/, 'a provider/model reference') }).strict(), warmNowOutputSchema),
  /** Unloads a configured local model now (LM Studio instances, Ollama keep_alive 0, vLLM sleep); keep-warm holds off until it is warmed again. */
  'model.unload': command(z.object({ ref: z.string().regex(/^[^/]+\/.+$/, 'a provider/model reference') }).strict(), z.object({ ref: z.string(), ok: z.boolean(), ms: z.number(), error: z.string().optional() })),
  /** Tests a configured model the way an agent uses it (one tool offered); changes no routing, may load the model. */
  'model.test': command(z.object({ ref: z.string().regex(/^[^/]+\/.+$/, 'a provider/model reference') }).strict(), modelTestOutputSchema),
  'endpoints.add': command(
    z.object({ baseUrl: z.string().min(1), kind: z.enum(endpointKinds).optional(), label: z.string().max(80).optional(), apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional() }).strict(),
    z.array(userEndpointSchema),
  ),
  'endpoints.remove': command(z.object({ baseUrl: z.string().min(1) }).strict(), z.array(userEndpointSchema)),
  'monitor.refresh': command(noInput, z.array(endpointStatusSchema)),
} as const;

export type Contract = typeof contract;
export type ApiName = keyof Contract;
export type ApiInput<N extends ApiName> = z.input<Contract[N]['input']>;
export type ApiOutput<N extends ApiName> = z.output<Contract[N]['output']>;
export const apiNames = Object.keys(contract) as ApiName[];

export function isApiName(name: string): name is ApiName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

// ---- events ----------------------------------------------------------------------------------------

export const apiEventSchema = z.union([
  monitorEventSchema,
  /** openclaw.json or settings changed through the API: the UI re-reads config.get / settings.get. */
  z.object({ type: z.literal('config-changed'), what: z.enum(['config', 'settings']), path: z.string(), summary: z.string().optional(), summaryMsg: messageSchema.optional() }),
  /**
   * OpenClaw's CLI finished checking a write after it landed: issues only it could see (status
   * new-issues), and refs the write added that its model catalog lacks (warnings). The write stands.
   */
  z.object({
    type: z.literal('config-checked'),
    path: z.string(),
    summary: z.string(),
    status: z.enum(['ok', 'new-issues', 'failed']),
    message: z.string(),
    warnings: z.array(warningSchema),
  }),
]);
export type ApiEvent = z.infer<typeof apiEventSchema>;
