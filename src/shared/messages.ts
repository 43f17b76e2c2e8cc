// Every sentence the engine sends to a person, as a code with parameters: `{ code, params }`. The
// English templates live here, in one catalog that the engine (CLI, logs, tray, English UI) renders
// with `english()`, so English reads exactly as it did when the sentences were literals; the renderer
// renders the same message from its own Vietnamese catalog (src/renderer/src/i18n/locales/vi/messages.json).
// Pure TS, no zod (the renderer imports it); the zod shape is in message-schema.ts.

/**
 * How a parameter is rendered: `text` as is (ids, refs, URLs, a server's own words); `number` grouped
 * for the language (131,072 / 131.072); `value` a number or string quoted from the file, never
 * reformatted (contextWindow 4096); `date` an ISO time (English keeps the ISO text, the UI formats it);
 * `message` a nested message (or a plain string, shown as is); `list` several of those, joined by ", ".
 */
export type ParamKind = 'text' | 'number' | 'value' | 'date' | 'message' | 'list';

interface MessageDef {
  readonly en: string;
  readonly params: Readonly<Record<string, ParamKind>>;
}

const T = 'text';
const N = 'number';
const V = 'value';
const D = 'date';
const M = 'message';
const L = 'list';

/** Placeholders are `{{name}}` (i18next's syntax); every one must be a declared parameter. */
export const messageCatalog = {
  // ---- who: names for a server in a sentence (product names travel as text) ----------------------
  'who.server': { en: 'the server', params: {} },
  'who.openai-compatible': { en: 'the OpenAI-compatible server', params: {} },
  'who.server-of': { en: "{{name}}'s server", params: { name: T } },

  // ---- lint (openclaw/lint.ts, edits.ts) ----------------------------------------------------------
  'lint.ollama-v1': { en: `{{provider}}: Ollama's /v1 endpoint breaks tool calling in OpenClaw. Use the native URL without /v1 and api "ollama".`, params: { provider: T } },
  'lint.localhost': { en: '{{provider}}: "localhost" may resolve to ::1 (IPv6) while the server listens on 127.0.0.1 only; use 127.0.0.1.', params: { provider: T } },
  'lint.plain-http-remote': { en: '{{provider}}: prompts and the API key travel unencrypted over http:// to {{host}}. Use https, an SSH tunnel, or a loopback-only server.', params: { provider: T, host: T } },
  'lint.small-model': {
    en: '{{ref}} looks small or heavily quantized. The guide advises the largest full variant your hardware runs: small or compressed checkpoints follow injected instructions more easily.',
    params: { ref: T },
  },
  'lint.context-above-server-loaded': { en: '{{ref}}: contextWindow {{configured}} is larger than the {{limit}} tokens the server loaded; long sessions will fail instead of compacting.', params: { ref: T, configured: V, limit: V } },
  'lint.context-above-server-supports': { en: '{{ref}}: contextWindow {{configured}} is larger than the {{limit}} tokens the server supports; long sessions will fail instead of compacting.', params: { ref: T, configured: V, limit: V } },
  'lint.context-below-minimum': { en: "{{ref}}: contextWindow {{configured}} is below OpenClaw's minimum of {{min}}; OpenClaw will refuse to run it.", params: { ref: T, configured: V, min: V } },
  'lint.context-small': { en: '{{ref}}: contextWindow {{configured}} is small for an agent (the guide advises at least {{guide}}).', params: { ref: T, configured: V, guide: V } },
  'lint.max-tokens-too-large': { en: '{{ref}}: maxTokens ({{maxTokens}}) must be smaller than contextWindow ({{configured}}).', params: { ref: T, maxTokens: V, configured: V } },
  'lint.unknown-model': { en: '{{ref}}: provider "{{provider}}" declares no model "{{model}}".', params: { ref: T, provider: T, model: T } },
  'lint.unknown-provider-suggest': {
    en: `{{ref}}: no provider "{{provider}}" is declared in models.providers, and it is not one of OpenClaw's built-in providers. Did you mean {{suggestions}}?`,
    params: { ref: T, provider: T, suggestions: T },
  },
  'lint.unknown-provider': { en: `{{ref}}: no provider "{{provider}}" is declared in models.providers, and it is not one of OpenClaw's built-in providers.`, params: { ref: T, provider: T } },
  'lint.mode-replace': {
    en: 'models.mode is "replace" but the routing names hosted models: with "replace" only the providers in this file exist, so those fallbacks cannot work.',
    params: {},
  },
  'lint.mode-missing': {
    en: 'models.mode is not set while the routing names hosted models; set it to "merge" so the hosted catalog stays available next to your local providers.',
    params: {},
  },
  'lint.no-cold-load-timeout': {
    en: 'Local provider {{provider}} has no timeoutSeconds: a cold load of a big model can take longer than OpenClaw\'s default ~120 s request watchdog, and the first request then times out (OpenClaw #64541). Set timeoutSeconds (and, for Ollama, params.keep_alive).',
    params: { provider: T },
  },
  'lint.idle-stop-not-kept-warm': {
    en: 'OpenClaw stops the local server of {{provider}} after {{idleStopMs}} ms idle (localService.idleStopMs): Warmclaw does not keep its models warm, so that server can stop as configured.',
    params: { provider: T, idleStopMs: V },
  },
  'lint.compaction-off': {
    en: 'The primary model is local but compaction is not turned on. The guide: keep agents narrow and enable compaction, so long sessions fit the local context window.',
    params: {},
  },
  'lint.mode-replace-kept': { en: 'models.mode is "replace": only the providers in this file are available, so hosted models disappear. Warmclaw left it as you set it.', params: {} },
  'lint.edit-context-small': {
    en: '{{ref}}: a {{configured}}-token context is small for an agent (the local-models guide advises at least {{guide}}; older OpenClaw releases refused less).',
    params: { ref: T, configured: V, guide: V },
  },
  'lint.edit-context-small-warns': {
    en: '{{ref}}: a {{configured}}-token context is small for an agent (the local-models guide advises at least {{guide}}; older OpenClaw releases refused less). OpenClaw itself warns below {{warn}}.',
    params: { ref: T, configured: V, guide: V, warn: V },
  },
  'lint.include-override': {
    en: '{{where}} comes from {{include}} ($include). Warmclaw wrote its change beside the include in this file, where it overrides the included value; the included file was not changed.',
    params: { where: M, include: T },
  },
  'lint.top-level': { en: 'the top level', params: {} },
  'lint.no-safety-net': { en: 'There is no hosted model to fall back on: if the local server stops, OpenClaw has nothing else to use.', params: {} },
  'lint.agents-own-model': {
    en: 'These agents set a model of their own, which wins over the defaults, so they will not use the local model first: {{agents}}.',
    params: { agents: T },
  },
  'lint.routing-edited': { en: 'The routing was changed by hand since local first was turned on; the order from before is restored anyway.', params: {} },

  // ---- one-click fixes -----------------------------------------------------------------------------
  'fix.native-ollama': { en: 'Use the native Ollama API', params: {} },
  'fix.use-loopback-ip': { en: 'Use 127.0.0.1', params: {} },
  'fix.use-limit': { en: 'Use {{limit}}', params: { limit: V } },
  'fix.set-mode-merge': { en: 'Set models.mode to "merge"', params: {} },
  'fix.switch-to-merge': { en: 'Switch to "merge"', params: {} },
  'fix.cover-agents': { en: 'Also put it first for these agents ({{count}})', params: { count: N } },
  'fix.cold-load-timeout': { en: 'Set a {{seconds}} s request timeout', params: { seconds: N } },
  'fix.cold-load-timeout-keep-alive': { en: 'Set a {{seconds}} s request timeout and keep_alive {{keepAlive}}', params: { seconds: N, keepAlive: T } },
  'fix.enable-compaction': { en: 'Enable safeguard compaction', params: {} },
  'fix.set-context-window': { en: 'Set contextWindow to {{tokens}}', params: { tokens: N } },
  'fix.load-now-at': { en: 'Load now at {{tokens}}', params: { tokens: N } },

  // ---- context-window findings (monitor/context.ts) ---------------------------------------------------
  'context.missing': { en: '{{ref}} has no contextWindow in openclaw.json, so OpenClaw assumes its default; {{who}} loaded it with {{loaded}} tokens.', params: { ref: T, who: M, loaded: N } },
  'context.above-loaded': {
    en: 'openclaw.json gives {{ref}} a {{configured}}-token window, but {{who}} loaded it with {{loaded}}: long sessions will overflow the server before OpenClaw compacts. Lower contextWindow to {{loaded}}, or {{remedy}}.',
    params: { ref: T, configured: N, who: M, loaded: N, remedy: M },
  },
  'context.below-loaded': { en: 'OpenClaw uses {{configured}} tokens of {{ref}}, but {{who}} loaded {{loaded}}: OpenClaw compacts earlier than it needs to.', params: { configured: N, ref: T, who: M, loaded: N } },
  'context.above-max': { en: 'openclaw.json gives {{ref}} a {{configured}}-token window, but the model supports at most {{max}}.', params: { ref: T, configured: N, max: N } },
  'context.blocked': { en: '{{ref}} has a {{window}}-token window: OpenClaw refuses to run below {{min}}. To fix it, {{remedy}}.', params: { ref: T, window: N, min: N, remedy: M } },
  'context.blocked-now': { en: '{{ref}} runs with a {{window}}-token window: OpenClaw refuses to run below {{min}}.', params: { ref: T, window: N, min: N } },
  'context.too-small': {
    en: '{{ref}} has a {{window}}-token window: OpenClaw warns below {{warn}} and agent sessions will compact constantly. To fix it, {{remedy}}.',
    params: { ref: T, window: N, warn: N, remedy: M },
  },
  'context.too-small-lmstudio': { en: '{{ref}} has a {{window}}-token window: OpenClaw warns below {{warn}}. To fix it, {{remedy}}.', params: { ref: T, window: N, warn: N, remedy: M } },
  'context.below-prompt': {
    en: "{{ref}} has a {{window}}-token window, but OpenClaw's own agent prompt (system prompt, workspace files, tool schemas) is about 19,000–24,000 tokens before your first message: a turn and its reply need at least {{need}}. To fix it, {{remedy}}.",
    params: { ref: T, window: N, need: N, remedy: M },
  },
  'context.reload-pending': {
    en: 'LM Studio holds {{ref}} at {{loaded}} tokens, so OpenClaw will reload it at {{need}} on the next turn: a cold start. Load it now at {{need}} (Warmclaw keeps it that way when it keeps this model warm).',
    params: { ref: T, loaded: N, need: N },
  },
  'context.jit-default': {
    en: 'OpenClaw sends plain requests to provider "{{provider}}" (only a provider named "lmstudio" with params.preload on makes OpenClaw load at contextWindow), so LM Studio loads {{model}} just-in-time at its default context: {{loaded}} tokens now. Rename the provider to "lmstudio", or set this model\'s default context length in LM Studio (My Models → the model\'s settings).',
    params: { provider: T, model: T, loaded: N },
  },
  'context.jit-default-below': {
    en: 'OpenClaw sends plain requests to provider "{{provider}}" (only a provider named "lmstudio" with params.preload on makes OpenClaw load at contextWindow), so LM Studio loads {{model}} just-in-time at its default context: {{loaded}} tokens now, not the {{configured}} openclaw.json promises. Rename the provider to "lmstudio", or set this model\'s default context length in LM Studio (My Models → the model\'s settings).',
    params: { provider: T, model: T, loaded: N, configured: N },
  },
  'remedy.lmstudio': { en: 'reload it in LM Studio with a larger context length', params: {} },
  'remedy.ollama': { en: 'set params.num_ctx (or contextTokens) for it in openclaw.json, or OLLAMA_CONTEXT_LENGTH on the server', params: {} },
  'remedy.vllm': { en: 'restart vLLM with a larger --max-model-len', params: {} },
  'remedy.llamacpp': { en: 'restart llama-server with a larger -c / --ctx-size', params: {} },
  'remedy.llamaswap': { en: "raise the model's -c / --ctx-size in llama-swap's config (its cmd)", params: {} },
  'remedy.litellm': { en: 'raise the context of the backend behind LiteLLM', params: {} },
  'remedy.openai-compatible': { en: 'load it with a larger context on the server', params: {} },
  'remedy.raise-context-window': { en: 'raise contextWindow', params: {} },
  'remedy.raise-context-window-server-has': { en: 'raise contextWindow (the server has {{tokens}})', params: { tokens: N } },
  'remedy.lmstudio-load-larger': { en: 'load it with a larger context in LM Studio', params: {} },

  // ---- edit summaries: the diff dialog's title, History's change descriptions (edits.ts, config-file.ts)
  'edit.provider-added': { en: 'Added provider {{provider}} ({{models}})', params: { provider: T, models: T } },
  'edit.provider-updated': { en: 'Updated provider {{provider}} ({{models}})', params: { provider: T, models: T } },
  'edit.provider-removed': { en: 'Removed provider {{provider}}', params: { provider: T } },
  'edit.provider-removed-refs': { en: 'Removed provider {{provider}} and {{count}} references to it', params: { provider: T, count: N } },
  'edit.limits-context': { en: 'Set context window {{contextWindow}} for {{ref}}', params: { contextWindow: V, ref: T } },
  'edit.limits-max-tokens': { en: 'Set max tokens {{maxTokens}} for {{ref}}', params: { maxTokens: V, ref: T } },
  'edit.limits-both': { en: 'Set context window {{contextWindow}}, max tokens {{maxTokens}} for {{ref}}', params: { contextWindow: V, maxTokens: V, ref: T } },
  'edit.model-details': { en: 'Set {{parts}} for {{ref}}', params: { parts: L, ref: T } },
  'edit.part-name': { en: 'name "{{name}}"', params: { name: T } },
  'edit.part-reasoning-on': { en: 'reasoning on', params: {} },
  'edit.part-reasoning-off': { en: 'reasoning off', params: {} },
  'edit.part-input': { en: 'input {{kinds}}', params: { kinds: T } },
  'edit.part-cost': { en: 'cost', params: {} },
  'edit.primary': { en: 'Primary model is now {{ref}}', params: { ref: T } },
  'edit.fallbacks': { en: 'Fallbacks: {{refs}}', params: { refs: T } },
  'edit.fallbacks-cleared': { en: 'Fallbacks cleared', params: {} },
  'edit.alias-set': { en: 'Alias {{alias}} → {{ref}}', params: { alias: T, ref: T } },
  'edit.alias-removed': { en: 'Removed the alias of {{ref}}', params: { ref: T } },
  'edit.local-first-already-on': { en: 'Local first is already on ({{ref}})', params: { ref: T } },
  'edit.local-first-on': { en: 'Local first on: {{ref}}, then {{fallbacks}}', params: { ref: T, fallbacks: T } },
  'edit.local-first-on-alone': { en: 'Local first on: {{ref}}, then nothing', params: { ref: T } },
  'edit.local-first-on-agents': { en: '{{change}}; also first for {{count}} agents with their own model', params: { change: M, count: N } },
  'edit.local-first-off': { en: 'Local first off: previous order restored', params: {} },
  'edit.provider-options': { en: 'Set {{parts}} on {{provider}}', params: { parts: L, provider: T } },
  'edit.base-url': { en: '{{provider}} now uses {{baseUrl}}', params: { provider: T, baseUrl: T } },
  'edit.mode': { en: 'models.mode is now "{{mode}}"', params: { mode: T } },
  'edit.compaction': { en: 'Compaction set to "safeguard"', params: {} },
  'edit.undo': { en: 'Undo: {{change}}', params: { change: M } },
  'edit.undid': { en: 'Undid: {{change}}', params: { change: M } },
  'edit.last-change': { en: 'last change', params: {} },
  'edit.restore': { en: 'Restore the backup from {{at}}', params: { at: D } },
  'edit.restored': { en: 'Restored the backup from {{at}}', params: { at: D } },

  // ---- auto-failover (warm/failover.ts) ------------------------------------------------------------
  'failover.to-hosted': { en: '{{ref}} has been unusable for {{seconds}} s: {{why}}', params: { ref: T, seconds: N, why: M } },
  'failover.to-local': { en: '{{ref}} has been warm and reachable for {{seconds}} s', params: { ref: T, seconds: N } },
  'failover.not-monitored': { en: 'the local server is not monitored', params: {} },
  'failover.server-down': { en: 'the local server is down', params: {} },
  'failover.not-checked': { en: 'the local server has not been checked yet', params: {} },
  'failover.cannot-warm': { en: 'the local model cannot be warmed', params: {} },
  'failover.model-warm': { en: 'the local model is loaded and warm', params: {} },
  'failover.server-up': { en: 'the local server is up', params: {} },
  'failover.server-degraded': { en: 'the local server is degraded', params: {} },
  'failover.model-loaded': { en: 'the local model is loaded', params: {} },
  'failover.model-loading': { en: 'the local model is loading', params: {} },
  'failover.model-not-loaded': { en: 'the local model is not-loaded', params: {} },
  'failover.model-sleeping': { en: 'the local model is sleeping', params: {} },
  'failover.model-unknown': { en: 'the local model is unknown', params: {} },
  'failover.model-unreachable': { en: 'the local model is unreachable', params: {} },
  'failover.model-unobserved': { en: 'the local model is unobserved', params: {} },
  'failover.not-checked-yet': { en: 'not checked yet', params: {} },
  'failover.switch-hosted-failed': { en: 'Could not switch to hosted first: {{error}}', params: { error: M } },
  'failover.switch-local-failed': { en: 'Could not switch back to local first: {{error}}', params: { error: M } },

  // ---- server state (monitor/words.ts, adapters) -----------------------------------------------------
  'server.llamacpp-loading': { en: 'llama-server is still loading the model (HTTP 503)', params: {} },
  'server.llamaswap-starting': { en: 'llama-swap is starting a model (its /running says "starting")', params: {} },
  'server.litellm-not-ready': { en: 'LiteLLM says it is not ready (HTTP 503: database disconnected?)', params: {} },
  'server.ollama-host-refused': { en: 'HTTP 403: Ollama refused this Host header (OLLAMA_ORIGINS / OLLAMA_HOST)', params: {} },
  'server.vllm-unhealthy': { en: 'HTTP 503: vLLM reports its engine is not healthy', params: {} },
  'server.refused-started': { en: 'connection refused on {{where}} — is the server started?', params: { where: T } },
  'server.host-silent': { en: 'could not connect to {{where}} — the host does not answer', params: { where: T } },
  'server.cannot-reach': { en: 'cannot reach {{where}}', params: { where: T } },
  'server.llamacpp-asleep': { en: 'llama-server is asleep (model unloaded after idle); the next request reloads it', params: {} },
  'server.deadline': { en: 'no answer from {{where}} to {{what}} within {{seconds}} s — {{who}} may be hung or busy loading a model', params: { where: T, what: M, seconds: V, who: M } },
  'server.earlier-requests': { en: 'earlier requests', params: {} },
  'server.lost-refused': { en: 'connection refused on {{where}} — {{who}} stopped (is it still running?)', params: { where: T, who: M } },
  'server.lost-timeout': { en: '{{where}} stopped accepting connections — {{who}} may be hung', params: { where: T, who: M } },
  'server.lost': { en: 'lost the connection to {{where}} — {{who}} may have stopped', params: { where: T, who: M } },
  'server.unrecognised': { en: '{{where}} answers, but not like LM Studio, Ollama, vLLM, llama.cpp, LiteLLM or an OpenAI-compatible server', params: { where: T } },
  'server.no-adapter': { en: 'Warmclaw has no adapter for {{who}} yet', params: { who: M } },
  'server.health-check-failed': { en: '{{where}} did not pass the health check', params: { where: T } },

  // ---- HTTP to model servers (endpoints/http.ts): every failure a probe or a warm call can meet ----
  'http.refused': { en: 'connection refused on {{where}} — is {{who}} started?', params: { where: T, who: M } },
  'http.dns': { en: 'cannot find the host {{host}} (the name does not resolve)', params: { host: T } },
  'http.connect-timeout': { en: 'could not connect to {{where}} — the host does not answer', params: { where: T } },
  'http.unreachable': { en: '{{where}} is unreachable from this machine', params: { where: T } },
  'http.reset': { en: '{{where}} closed the connection before answering completely', params: { where: T } },
  'http.header-overflow': { en: '{{where}} sent oversized headers', params: { where: T } },
  'http.not-http': { en: '{{where}} does not speak HTTP (is this the right port for {{who}}?)', params: { where: T, who: M } },
  'http.over-cap': { en: '{{where}} sent more than the size cap allows', params: { where: T } },
  'http.too-large': { en: 'the server sent more than {{size}}', params: { size: T } },
  'http.blocked': { en: 'WARMCLAW_LOOPBACK_ONLY=1: refusing to connect to {{host}}, which is not a loopback address (127.0.0.0/8, ::1, localhost); no connection was attempted', params: { host: T } },
  'http.bad-url': { en: '"{{url}}" is not a usable server address', params: { url: T } },
  'http.network': { en: 'could not talk to {{where}}: {{detail}}', params: { where: T, detail: T } },
  'http.cancelled': { en: 'the request was cancelled', params: {} },
  'http.timeout': { en: 'no answer from {{where}} within {{duration}}', params: { where: T, duration: T } },
  'http.timeout-body': { en: '{{where}} started answering but did not finish within {{duration}}', params: { where: T, duration: T } },
  'http.html': { en: 'the server answered with HTML, not JSON', params: {} },
  'http.not-json': { en: 'the server answered with {{contentType}}, not JSON', params: { contentType: T } },
  'http.empty': { en: 'the server sent an empty answer where JSON was expected', params: {} },
  'http.invalid-json': { en: 'the server sent invalid JSON', params: {} },
  'http.401-key-rejected': { en: 'HTTP 401: {{who}} rejected the API key', params: { who: M } },
  'http.401-key-wanted': { en: 'HTTP 401: {{who}} wants an API key', params: { who: M } },
  'http.403-key-refused': { en: 'HTTP 403: {{who}} refused this API key', params: { who: M } },
  'http.403-refused': { en: 'HTTP 403: {{who}} refused the request (it may want an API key)', params: { who: M } },
  'http.404': { en: 'HTTP 404: {{who}} does not serve {{path}}', params: { who: M, path: T } },
  'http.405': { en: 'HTTP 405: {{who}} does not allow this method on {{path}}', params: { who: M, path: T } },
  'http.timed-out': { en: 'HTTP {{status}}: {{who}} timed out', params: { status: V, who: M } },
  'http.429': { en: 'HTTP 429: {{who}} is busy (too many requests)', params: { who: M } },
  'http.502': { en: 'HTTP 502: {{who}} could not reach its backend', params: { who: M } },
  'http.503': { en: 'HTTP 503: {{who}} is unavailable (still loading, or overloaded)', params: { who: M } },
  'http.5xx': { en: 'HTTP {{status}}: {{who}} had an internal error', params: { status: V, who: M } },
  'http.status': { en: 'HTTP {{status}}', params: { status: V } },
  'http.with-detail': { en: '{{error}} ({{detail}})', params: { error: M, detail: T } },
  'http.not-model-list': { en: '{{who}} answered {{path}} with something that is not a model list', params: { who: M, path: T } },
  'probe.not-litellm': { en: '{{url}} answers, but not like a LiteLLM proxy', params: { url: T } },
  'probe.not-lmstudio': { en: '{{url}} answers, but not like LM Studio (no /api/v0 or /api/v1 model list)', params: { url: T } },
  'probe.not-ollama': { en: '{{url}} answers, but not like Ollama (no "Ollama is running")', params: { url: T } },
  'probe.not-openai-list': { en: '{{url}}/v1/models is not an OpenAI-style model list', params: { url: T } },
  'probe.not-llamaswap': { en: "{{url}}/health answered something not like llama-swap's \"OK\"", params: { url: T } },
  'server.vllm-port-closed': { en: '{{error}} (vLLM opens its port only once the model has loaded)', params: { error: M } },
  'call.identification': { en: 'identification', params: {} },
  'call.identification-as': { en: 'identification as {{name}}', params: { name: T } },
  'call.health-check': { en: 'a health check', params: {} },
  'call.model-list': { en: 'the model list', params: {} },
  'call.loaded-list': { en: 'the loaded-model list', params: {} },
  'call.responses-check': { en: 'the /v1/responses check', params: {} },
  'call.context-lookup': { en: 'the context look-up', params: {} },
  'server.call-failed': { en: 'answers, but {{what}} failed: {{error}}', params: { what: M, error: M } },
  'server.listing-models': { en: 'listing models', params: {} },
  'server.listing-loaded': { en: 'listing loaded models', params: {} },

  // ---- the dashboard's one-line state (api/tray-summary.ts) ---------------------------------------
  'summary.local-down': { en: '{{servers}}', params: { servers: L } },
  'summary.server-down': { en: '{{name}}: {{why}}', params: { name: T, why: M } },
  'summary.not-answering': { en: 'not answering', params: {} },

  // ---- errors (WarmclawError) shown by the UI ------------------------------------------------------
  'readonly.nix': { en: 'OPENCLAW_NIX_MODE is set: the file is managed by Nix, change it in your Nix configuration', params: {} },
  'readonly.env': { en: 'OPENCLAW_CONFIG_READONLY is set: Warmclaw shows this file but will not change it', params: {} },
  'readonly.mode': { en: "the file's mode is {{mode}}: nobody may write it, so Warmclaw will not either (chmod u+w {{path}} to allow edits)", params: { mode: T, path: T } },
  'readonly.other-user': {
    en: "the file belongs to another user (uid {{uid}}); replacing it would make it yours, so Warmclaw only changes it through that user's running OpenClaw gateway",
    params: { uid: V },
  },
  'readonly.not-ours': { en: 'read-only for Warmclaw: {{why}}', params: { why: M } },
  'readonly.not-writable': { en: 'not writable ({{code}})', params: { code: T } },
  'error.no-gateway-to-write': { en: "{{path}} is {{why}}, and no OpenClaw gateway is reachable to write it for us. Check the file's permissions. Nothing was changed.", params: { path: T, why: M } },
  'error.gateway-conflict': { en: 'The OpenClaw gateway reported a conflicting change twice. Nothing was written; try again.', params: {} },
  'error.cannot-read': { en: 'Cannot read {{path}}: {{detail}}', params: { path: T, detail: T } },
  'error.cannot-write': { en: 'Could not write {{path}}: {{detail}}. The file was not changed.', params: { path: T, detail: T } },
  'error.dangling-link': { en: '{{path}} is a symbolic link to a file that does not exist. Nothing was written.', params: { path: T } },
  'error.dangling-link-to': {
    en: "{{path}} is a symbolic link to {{target}}, which does not exist. Warmclaw will not replace the link with a new file: restore the link's target or point OPENCLAW_CONFIG_PATH at the real file.",
    params: { path: T, target: T },
  },
  'error.too-large': {
    en: "{{path}} is {{size}}, over Warmclaw's limit of {{limit}} for openclaw.json (real configs are under 100 KB). Is this the right file? Warmclaw did not read or change it.",
    params: { path: T, size: T, limit: T },
  },
  'error.too-large-grew': {
    en: "{{path}} is larger than its size said, over Warmclaw's limit of {{limit}} for openclaw.json (real configs are under 100 KB). Is this the right file? Warmclaw did not read or change it.",
    params: { path: T, limit: T },
  },
  'error.not-utf8': {
    en: '{{file}}:{{line}}:{{column}}: this byte (0x{{hex}}) is not UTF-8. Warmclaw will not edit the file, because saving it would replace such bytes with "�" everywhere; save the file as UTF-8 (or remove the character) and try again.',
    params: { file: T, line: V, column: V, hex: T },
  },
  'error.lock-timeout': { en: 'Another Warmclaw process (pid {{pid}}) is writing this config file and did not finish in time. Try again in a moment.', params: { pid: T } },
  'error.wrong-type': {
    en: '{{path}} must be {{expected}}, but the file has {{found}} there{{where}}. Fix that value by hand (or run `openclaw doctor`), then try again; Warmclaw did not change the file.',
    params: { path: T, expected: M, found: M, where: M },
  },
  'error.wrong-type-at': { en: ' (line {{line}}, column {{column}})', params: { line: V, column: V } },
  'type.object': { en: 'an object { … }', params: {} },
  'type.list': { en: 'a list [ … ]', params: {} },
  'type.model-routing': { en: 'a model reference or { primary, fallbacks }', params: {} },
  'type.model-ref': { en: 'a model reference string', params: {} },
  'type.model-entry': { en: 'a model entry { id, name, … }', params: {} },
  'type.alias-entry': { en: 'an object { alias }', params: {} },
  'type.found-null': { en: 'null', params: {} },
  'type.found-list': { en: 'a list', params: {} },
  'type.found-object': { en: 'an object', params: {} },
  'type.found-string': { en: 'a string', params: {} },
  'type.found-number': { en: 'a number', params: {} },
  'type.found-boolean': { en: 'a boolean', params: {} },
  'type.found-missing': { en: 'nothing', params: {} },
  'error.unknown-api': { en: 'Unknown API "{{name}}".', params: { name: T } },
  'error.invalid-input': { en: 'Invalid input for {{name}}: {{issues}}', params: { name: T, issues: T } },
  'error.outside-contract': { en: 'Internal error: {{name}} answered outside its contract ({{issues}}).', params: { name: T, issues: T } },
  'error.nothing-to-undo': { en: 'There is nothing to undo: Warmclaw has no backup of {{path}}.', params: { path: T } },
  'error.undo-changed': { en: '{{path}} was changed again since this undo was previewed ({{change}}). Review the undo again.', params: { path: T, change: M } },
  'error.another-change': { en: 'another change', params: {} },
  'error.no-backup': { en: 'No backup "{{id}}". List them with: warmclaw config backups', params: { id: T } },
  'error.read-only': { en: '{{path}} is read-only for Warmclaw: {{why}}. Nothing was written.', params: { path: T, why: M } },
  'error.read-only-no-cli': { en: '{{path}} is read-only for Warmclaw: {{why}}, and no OpenClaw CLI was found to reach it. Nothing was written.', params: { path: T, why: M } },
  'error.no-such-provider': { en: 'There is no provider "{{provider}}" under models.providers (declared: {{declared}}).', params: { provider: T, declared: T } },
  'error.provider-referenced': {
    en: '{{count}} places still name a model of "{{provider}}":\n  {{places}}\nRemove them in the same change (--with-refs), or change them first.',
    params: { count: N, provider: T, places: T },
  },
  'error.no-provider': { en: 'There is no provider "{{provider}}" under models.providers. Add it first (warmclaw config add-provider …).', params: { provider: T } },
  'error.no-model-suggest': { en: 'Provider "{{provider}}" has no model "{{model}}" (it has: {{known}}). Did you mean {{suggestions}}?', params: { provider: T, model: T, known: T, suggestions: T } },
  'error.no-model': { en: 'Provider "{{provider}}" has no model "{{model}}" (it has: {{known}}).', params: { provider: T, model: T, known: T } },
  'error.no-model-none': { en: 'Provider "{{provider}}" has no model "{{model}}" (it has: none).', params: { provider: T, model: T } },
  'error.max-tokens-too-large': {
    en: 'maxTokens ({{maxTokens}}) must be smaller than the context window ({{contextWindow}}) of {{ref}}, or the reply would leave no room for the prompt.',
    params: { maxTokens: V, contextWindow: V, ref: T },
  },
  'error.no-local-provider': { en: 'No local provider with a model is declared in this file. Add one first: warmclaw config add-provider lmstudio --model <id>.', params: {} },
  'error.not-local': { en: '{{ref}} is not a local model: provider "{{provider}}" is not a declared provider on this machine or the LAN.', params: { ref: T, provider: T } },
  'error.no-local-first-memory': {
    en: 'Warmclaw has no remembered order for this file (local first was not turned on by Warmclaw here). Choose the primary yourself: warmclaw config set-primary <provider/model>.',
    params: {},
  },
  'error.no-local-service': { en: 'Provider "{{provider}}" has no localService: OpenClaw starts no server for it, so there is no idle stop to set.', params: { provider: T } },
  'error.no-models-for-knob': { en: 'Provider "{{provider}}" declares no model "{{model}}" to set contextTokens on (OpenClaw keeps contextTokens per model).', params: { provider: T, model: T } },
  'error.no-provider-short': { en: 'There is no provider "{{provider}}".', params: { provider: T } },
  'error.context-below-minimum': {
    en: "A context window of {{contextWindow}} tokens is below OpenClaw's minimum of {{min}}: OpenClaw would refuse to run {{ref}}. Load the model with a larger context and use that number.",
    params: { contextWindow: V, min: V, ref: T },
  },
  'error.alias-taken': { en: 'The alias "{{alias}}" already points to {{ref}}. Remove it there first.', params: { alias: T, ref: T } },
  'error.rejected': { en: 'OpenClaw would reject this change, so Warmclaw did not write it:\n{{issues}}', params: { issues: T } },
  'error.syntax': {
    en: '{{file}}:{{line}}:{{column}}: {{detail}}. Fix the file by hand (OpenClaw will not load it either); Warmclaw will not write to it until it parses.',
    params: { file: T, line: V, column: V, detail: T },
  },
  'error.kept-changing': { en: '{{path}} kept changing while Warmclaw tried to edit it (3 attempts). Nothing was written; try again when the other program is done.', params: { path: T } },
  'error.not-local-model': { en: '{{ref}} is not a model of a local provider in {{path}}.', params: { ref: T, path: T } },
  'error.cannot-warm': { en: 'Cannot warm {{ref}}: {{why}}', params: { ref: T, why: M } },
  'error.cannot-unload': { en: 'Cannot unload {{ref}}: {{why}}', params: { ref: T, why: M } },
  'error.no-server-at': { en: 'no server answers at {{url}}', params: { url: T } },
  'error.no-unload-api': { en: '{{ref}}: {{kind}} has no unload API Warmclaw can call.', params: { ref: T, kind: T } },
  'error.not-http-url': { en: '"{{url}}" is not an http:// or https:// URL.', params: { url: T } },
  'error.endpoint-not-listed': { en: '{{url}} is not in the endpoint list.', params: { url: T } },
  // ---- the settings file (core/settings/settings-store.ts) ---------------------------------------
  'settings.not-json': { en: '{{file}} is not valid JSON settings ({{detail}}). Fix or delete that file; Warmclaw did not change it.', params: { file: T, detail: T } },
  'settings.unreadable': { en: '{{file}} cannot be read ({{detail}}).', params: { file: T, detail: T } },
  'settings.invalid': { en: '{{file}} has invalid settings ({{where}}). Fix or delete that file; Warmclaw did not change it.', params: { file: T, where: T } },
  'settings.invalid-change': { en: 'Invalid setting: {{issues}}', params: { issues: T } },
} as const satisfies Record<string, MessageDef>;

export type MessageCode = keyof typeof messageCatalog;
export const messageCodes = Object.keys(messageCatalog) as MessageCode[];

type Catalog = typeof messageCatalog;
type ValueOf<K> = K extends 'number'
  ? number
  : K extends 'value'
    ? number | string
    : K extends 'message'
      ? string | WireMessage
      : K extends 'list'
        ? (string | WireMessage)[]
        : string;
export type MessageParams<C extends MessageCode> = { -readonly [P in keyof Catalog[C]['params']]: ValueOf<Catalog[C]['params'][P]> };
/** One sentence as a code and its parameters. */
export type Message = { [C in MessageCode]: { code: C; params: MessageParams<C> } }[MessageCode];

/** A message as it arrives over the wire: the code may be one this build does not know (a newer engine). */
export interface WireMessage {
  code: string;
  params: Record<string, unknown>;
}

export function isMessageCode(code: string): code is MessageCode {
  return Object.prototype.hasOwnProperty.call(messageCatalog, code);
}

/** Builds a message; the parameters are checked against the code at compile time. */
export function msg<C extends MessageCode>(code: C, ...params: keyof Catalog[C]['params'] extends never ? [] : [MessageParams<C>]): Message {
  return { code, params: params[0] ?? {} } as Message;
}

/** The `{{name}}` placeholders of a template, in order. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);
}

export interface RenderOptions {
  /** Templates of the target language by code; a code missing there falls back to English. */
  templates?: Readonly<Record<string, string>>;
  number?: (n: number) => string;
  date?: (iso: string) => string;
}

const enNumber = (n: number) => n.toLocaleString('en-US');

/**
 * A message in words. `fallback` is said when the code is unknown to this build (the engine's own
 * English text travels beside every message for that). Plain strings are returned as they are.
 */
export function renderMessage(m: WireMessage | Message | string, opts: RenderOptions = {}, fallback?: string): string {
  if (typeof m === 'string') return m;
  if (!m || typeof m !== 'object' || typeof m.code !== 'string' || !isMessageCode(m.code)) return fallback ?? (typeof m?.code === 'string' ? m.code : '');
  const def: MessageDef = messageCatalog[m.code];
  const template = opts.templates?.[m.code] || def.en;
  const params = (m.params ?? {}) as Record<string, unknown>;
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_all, name: string) => {
    const v = params[name];
    switch (def.params[name]) {
      case 'number':
        return typeof v === 'number' ? (opts.number ?? enNumber)(v) : String(v ?? '');
      case 'date':
        return typeof v === 'string' && opts.date ? opts.date(v) : String(v ?? '');
      case 'message':
        return typeof v === 'object' && v !== null ? renderMessage(v as WireMessage, opts) : String(v ?? '');
      case 'list':
        return Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null ? renderMessage(x as WireMessage, opts) : String(x))).join(', ') : String(v ?? '');
      default:
        return String(v ?? '');
    }
  });
}

/** The English sentence (CLI, logs, tray, notifications and the `message`/`reason` text beside every code). */
export function english(m: WireMessage | Message | string): string {
  return renderMessage(m, {});
}

/** `{ message, msg }` for a warning or an error payload: the English text beside its code. */
export function said(m: Message): { message: string; msg: Message } {
  return { message: english(m), msg: m };
}

/** `{ summary, summaryMsg }` for an edit's one-line description. */
export function summarized(m: Message): { summary: string; summaryMsg: Message } {
  return { summary: english(m), summaryMsg: m };
}

/** `{ label, labelMsg }` for a fix or load button. */
export function labelled(m: Message): { label: string; labelMsg: Message } {
  return { label: english(m), labelMsg: m };
}
