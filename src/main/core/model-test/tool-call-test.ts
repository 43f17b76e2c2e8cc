// "Does this model work for an agent?": one short streamed chat that offers one tool, in the API the
// provider uses (OpenAI responses or chat completions, or Ollama's own), measured the way a user feels
// it: reachable, time to first token, tokens per second, and whether a well-formed tool call came back.
// Local models often answer but never call tools (OpenClaw #122224); this says so before an agent hangs.
// No side effects on routing: it only sends one request (which may load the model, like any request).
import { request } from 'undici';
import type { ProviderApi } from '../../../shared/openclaw-constants';
import { loopbackRefusal } from '../loopback-guard';

export interface ModelTestInput {
  /** The provider's baseUrl as written in openclaw.json (with /v1 for the OpenAI APIs). */
  baseUrl: string;
  api: ProviderApi;
  apiKey?: string;
  model: string;
  /** Whole-test deadline (a cold load counts): default 120 s. */
  timeoutMs?: number;
}

export type ToolVerdict = 'well-formed' | 'malformed' | 'none';

export interface ModelTestResult {
  reachable: boolean;
  api: ProviderApi;
  /** Time to the first streamed token or tool-call piece (includes any load). */
  ttftMs?: number;
  totalMs: number;
  outputTokens?: number;
  tokensPerSec?: number;
  toolCall: ToolVerdict;
  toolName?: string;
  toolArguments?: unknown;
  /** The start of any text the model wrote instead (bounded). */
  text?: string;
  /** Why it failed (HTTP status, timeout, wrong body), in words. */
  error?: string;
}

export const TEST_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city.',
  parameters: { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'], additionalProperties: false },
} as const;
const PROMPT = 'What is the weather in Hanoi right now? Call the get_weather tool to find out.';
const MAX_TOKENS = 256;
const MAX_BODY = 1024 * 1024;
const MAX_TEXT = 200;

function requestFor(input: ModelTestInput): { url: string; body: unknown } {
  const base = input.baseUrl.replace(/\/+$/, '');
  switch (input.api) {
    case 'ollama':
      return {
        url: `${base.replace(/\/v1$/, '')}/api/chat`,
        body: { model: input.model, stream: true, messages: [{ role: 'user', content: PROMPT }], tools: [{ type: 'function', function: TEST_TOOL }], options: { num_predict: MAX_TOKENS } },
      };
    case 'openai-completions':
      return {
        url: `${base}/chat/completions`,
        body: { model: input.model, stream: true, stream_options: { include_usage: true }, max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: PROMPT }], tools: [{ type: 'function', function: TEST_TOOL }] },
      };
    default:
      return {
        url: `${base}/responses`,
        body: { model: input.model, stream: true, max_output_tokens: MAX_TOKENS, input: PROMPT, tools: [{ type: 'function', ...TEST_TOOL }] },
      };
  }
}

/** What the stream told us so far (each API's pieces land here). */
interface Gathered {
  firstAt?: number;
  text: string;
  pieces: number;
  toolName?: string;
  toolArgs: string;
  toolArgsObject?: unknown;
  outputTokens?: number;
  /** Ollama: generation time from the server's own counters (ns). */
  evalNs?: number;
}

function readEvent(api: ProviderApi, json: Record<string, unknown>, g: Gathered, now: number): void {
  const first = () => (g.firstAt ??= now);
  if (api === 'ollama') {
    const msg = json.message as { content?: unknown; tool_calls?: { function?: { name?: unknown; arguments?: unknown } }[] } | undefined;
    if (typeof msg?.content === 'string' && msg.content) {
      first();
      g.text += msg.content;
      g.pieces++;
    }
    const call = msg?.tool_calls?.[0]?.function;
    if (call) {
      first();
      if (typeof call.name === 'string') g.toolName = call.name;
      if (typeof call.arguments === 'string') g.toolArgs += call.arguments;
      else g.toolArgsObject = call.arguments;
    }
    if (json.done === true) {
      if (typeof json.eval_count === 'number') g.outputTokens = json.eval_count;
      if (typeof json.eval_duration === 'number') g.evalNs = json.eval_duration;
    }
    return;
  }
  if (api === 'openai-completions') {
    const delta = (json.choices as { delta?: { content?: unknown; tool_calls?: { function?: { name?: unknown; arguments?: unknown } }[] } }[] | undefined)?.[0]?.delta;
    if (typeof delta?.content === 'string' && delta.content) {
      first();
      g.text += delta.content;
      g.pieces++;
    }
    const fn = delta?.tool_calls?.[0]?.function;
    if (fn) {
      first();
      if (typeof fn.name === 'string' && fn.name) g.toolName = fn.name;
      if (typeof fn.arguments === 'string') g.toolArgs += fn.arguments;
    }
    const usage = json.usage as { completion_tokens?: unknown } | undefined;
    if (typeof usage?.completion_tokens === 'number') g.outputTokens = usage.completion_tokens;
    return;
  }
  switch (json.type) {
    case 'response.output_text.delta':
      first();
      if (typeof json.delta === 'string') g.text += json.delta;
      g.pieces++;
      break;
    case 'response.output_item.added': {
      const item = json.item as { type?: unknown; name?: unknown } | undefined;
      if (item?.type === 'function_call') {
        first();
        if (typeof item.name === 'string') g.toolName = item.name;
      }
      break;
    }
    case 'response.function_call_arguments.delta':
      first();
      if (typeof json.delta === 'string') g.toolArgs += json.delta;
      break;
    case 'response.completed':
    case 'response.incomplete': {
      const usage = (json.response as { usage?: { output_tokens?: unknown } } | undefined)?.usage;
      if (typeof usage?.output_tokens === 'number') g.outputTokens = usage.output_tokens;
      break;
    }
  }
}

/** Lines of the body: SSE `data:` payloads (OpenAI) or NDJSON (Ollama), parsed; others skipped. */
function* jsonLines(chunk: string): Generator<Record<string, unknown>> {
  for (const raw of chunk.split('\n')) {
    const line = raw.trim().replace(/^data:\s*/, '');
    if (!line || line === '[DONE]' || !line.startsWith('{')) continue;
    try {
      const v = JSON.parse(line) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) yield v as Record<string, unknown>;
    } catch {
      // a broken line: the verdict comes from what did parse
    }
  }
}

function verdict(g: Gathered): { toolCall: ToolVerdict; args?: unknown } {
  if (!g.toolName) return { toolCall: 'none' };
  if (g.toolName !== TEST_TOOL.name) return { toolCall: 'malformed' };
  let args = g.toolArgsObject;
  if (args === undefined) {
    try {
      args = JSON.parse(g.toolArgs || '{}');
    } catch {
      return { toolCall: 'malformed', args: g.toolArgs.slice(0, MAX_TEXT) };
    }
  }
  const ok = !!args && typeof args === 'object' && typeof (args as { city?: unknown }).city === 'string';
  return { toolCall: ok ? 'well-formed' : 'malformed', args };
}

/** Runs the test; never throws (a failure is a result with `error`). */
export async function testModel(input: ModelTestInput): Promise<ModelTestResult> {
  const started = performance.now();
  const { url, body } = requestFor(input);
  const base = { api: input.api, toolCall: 'none' as const };
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return { ...base, reachable: false, totalMs: 0, error: `not a URL: ${input.baseUrl}` };
  }
  const refused = loopbackRefusal(host);
  if (refused) return { ...base, reachable: false, totalMs: 0, error: refused };
  const timeoutMs = input.timeoutMs ?? 120_000;
  const g: Gathered = { text: '', pieces: 0, toolArgs: '' };
  try {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream, application/x-ndjson, application/json', ...(input.apiKey && { authorization: `Bearer ${input.apiKey}` }) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const detail = (await res.body.text().catch(() => '')).slice(0, MAX_TEXT).replace(/\s+/g, ' ');
      return { ...base, reachable: true, totalMs: performance.now() - started, error: `HTTP ${res.statusCode}${detail ? `: ${detail}` : ''}` };
    }
    let seen = 0;
    let rest = '';
    for await (const chunk of res.body) {
      const text = rest + (chunk as Buffer).toString('utf8');
      seen += (chunk as Buffer).length;
      if (seen > MAX_BODY) throw new Error(`the answer passed ${MAX_BODY / 1024 / 1024} MB`);
      const cut = text.lastIndexOf('\n');
      rest = cut < 0 ? text : text.slice(cut + 1);
      if (cut >= 0) for (const json of jsonLines(text.slice(0, cut))) readEvent(input.api, json, g, performance.now() - started);
    }
    for (const json of jsonLines(rest)) readEvent(input.api, json, g, performance.now() - started);
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string };
    const timedOut = e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT';
    const refusedConn = e.code === 'ECONNREFUSED';
    return {
      ...base,
      reachable: !refusedConn && g.firstAt !== undefined,
      totalMs: performance.now() - started,
      error: timedOut ? `no complete answer within ${Math.round(timeoutMs / 1000)} s` : refusedConn ? `connection refused on ${host}` : (e.message ?? 'the request failed'),
    };
  }
  const totalMs = performance.now() - started;
  const v = verdict(g);
  const outputTokens = g.outputTokens ?? (g.pieces || undefined);
  const genMs = g.evalNs !== undefined ? g.evalNs / 1e6 : g.firstAt !== undefined ? totalMs - g.firstAt : undefined;
  const tokensPerSec = outputTokens && genMs && genMs > 0 ? (outputTokens / genMs) * 1000 : undefined;
  return {
    reachable: true,
    api: input.api,
    totalMs,
    toolCall: v.toolCall,
    ...(g.firstAt !== undefined && { ttftMs: g.firstAt }),
    ...(outputTokens !== undefined && { outputTokens }),
    ...(tokensPerSec !== undefined && { tokensPerSec }),
    ...(g.toolName && { toolName: g.toolName }),
    ...(v.args !== undefined && { toolArguments: v.args }),
    ...(g.text && { text: g.text.slice(0, MAX_TEXT) }),
  };
}
