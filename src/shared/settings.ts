// Warmclaw's own settings: one zod schema for the headless daemon and CLI (conf), the Electron app
// (electron-store), both through core/settings/settings-store.ts on the same settings.json, and the
// settings screen. conf's JSON-schema validation is not used: this schema is the only one.
import { z } from 'zod';
import { endpointKinds } from './status';

/** LM Studio, Ollama, vLLM, LiteLLM, llama.cpp (old and new default). */
export const DEFAULT_SCAN_PORTS: readonly number[] = [1234, 11434, 8000, 4000, 8080, 9931];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 08:00');

export const userEndpointSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  kind: z.enum(endpointKinds).optional(),
  label: z.string().max(80).optional(),
  /** Name of an environment variable holding the API key: the key itself is never stored here. */
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
});
export type UserEndpoint = z.infer<typeof userEndpointSchema>;

export const settingsSchema = z.object({
  endpoints: z.array(userEndpointSchema).default([]),
  scan: z.object({ enabled: z.boolean().default(true), ports: z.array(z.number().int().min(1).max(65535)).default([...DEFAULT_SCAN_PORTS]) }).default({ enabled: true, ports: [...DEFAULT_SCAN_PORTS] }),
  poll: z
    .object({
      /** While something changes or is down. */
      fastMs: z.number().int().min(250).max(60_000).default(2000),
      /** When everything is stable. */
      slowMs: z.number().int().min(1000).max(600_000).default(15_000),
    })
    .default({ fastMs: 2000, slowMs: 15_000 }),
  warm: z
    .object({
      enabled: z.boolean().default(true),
      paused: z.boolean().default(false),
      /** `provider/model` refs to keep warm; null = the local primary or first local fallback. */
      models: z.array(z.string()).nullable().default(null),
      /** Ollama keep_alive / LM Studio ttl (JIT loads) Warmclaw asks for. */
      keepAlive: z.string().regex(/^\d+[smh]$/).default('30m'),
      /**
       * Outside the schedule, unload a kept-warm model idle this many minutes (null = never). OpenClaw's
       * own LM Studio loads never expire, so without this the VRAM stays taken overnight.
       */
      idleUnloadMin: z.number().int().min(1).max(24 * 60).nullable().default(null),
      /** LiteLLM / generic proxies: a 1-token completion costs a real request, so only when asked. */
      allowCompletionPings: z.boolean().default(false),
      schedule: z
        .object({ days: z.array(z.number().int().min(0).max(6)).min(1), start: hhmm, end: hhmm })
        .nullable()
        .default(null),
    })
    .default({ enabled: true, paused: false, models: null, keepAlive: '30m', idleUnloadMin: null, allowCompletionPings: false, schedule: null }),
  failover: z
    .object({
      enabled: z.boolean().default(false),
      /** Local primary down or unwarmable this long → hosted first. */
      downForSec: z.number().int().min(5).default(60),
      /** Back to local first once it has been warm this long (hysteresis). */
      stableForSec: z.number().int().min(5).default(120),
    })
    .default({ enabled: false, downForSec: 60, stableForSec: 120 }),
  /** OpenClaw CLI used to validate writes (else PATH). */
  openclawBin: z.string().optional(),
  language: z.enum(['en', 'vi']).default('en'),
  notifications: z.boolean().default(true),
  launchAtLogin: z.boolean().default(false),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Settings with every default filled in. */
export const defaultSettings = (): Settings => settingsSchema.parse({});
