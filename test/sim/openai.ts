// OpenAI-shaped bodies shared by every server's /v1 surface, built from the openai-generic fixtures,
// plus the "is this a keep-warm ping?" rules used for stats.
import { fixture, type Json } from './fixtures';
import { isObj, num, rid, str } from './util';

/** The deterministic answer every simulated model gives, one entry per token. */
export const REPLY_TOKENS = [
  'Hello',
  '!',
  ' How',
  ' can',
  ' I',
  ' help',
  ' you',
  ' today',
  '?',
  ' I',
  ' can',
  ' read',
  ' logs',
  ',',
  ' write',
  ' code',
  ' or',
  ' answer',
  ' questions',
  ' about',
  ' your',
  ' project',
  '.',
];

export interface Reply {
  text: string;
  tokens: number;
  /** 'length' when the token limit cut the answer. */
  finish: 'stop' | 'length';
}

/** The reply limited to `limit` tokens (undefined/negative = no limit). */
export function reply(limit?: number): Reply {
  const n = limit === undefined || limit < 0 ? REPLY_TOKENS.length : Math.min(limit, REPLY_TOKENS.length);
  return { text: REPLY_TOKENS.slice(0, n).join(''), tokens: n, finish: n < REPLY_TOKENS.length ? 'length' : 'stop' };
}

/** Rough prompt token count: words of every string in the messages / prompt / input. */
/**
 * Tokens a request needs in the context: everything the model reads (system prompt, instructions,
 * messages/input, tool schemas), at ~4 characters a token. Used to refuse a request longer than the
 * loaded context, as the real servers do.
 */
export function contextTokensOf(body: Json): number {
  if (!isObj(body)) return 0;
  const read = ['instructions', 'system', 'messages', 'input', 'prompt', 'tools'].map((k) => body[k]).filter((v) => v !== undefined);
  return Math.ceil(JSON.stringify(read).length / 4);
}

export function promptTokens(body: Json): number {
  let words = 0;
  const walk = (v: unknown): void => {
    if (typeof v === 'string') words += v.split(/\s+/).filter(Boolean).length;
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) if (k === 'content' || k === 'text' || k === 'input' || k === 'prompt' || k === 'messages') walk(x);
  };
  if (isObj(body)) {
    walk(body.messages);
    walk(body.prompt);
    walk(body.input);
  }
  return Math.max(1, Math.round(words * 1.3) + 4);
}

function hasMessages(body: Json): boolean {
  return Array.isArray(body?.messages) && body.messages.length > 0;
}

function nonEmptyPrompt(v: unknown): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return false;
}

/** Chat completions ping: no messages or max_tokens / max_completion_tokens <= 1. */
export function isChatPing(body: Json): boolean {
  if (!hasMessages(body)) return true;
  const mt = num(body.max_tokens) ?? num(body.max_completion_tokens);
  return mt !== undefined && mt <= 1;
}

/** Responses API ping: no input or max_output_tokens at the spec minimum (16) or below. */
export function isResponsesPing(body: Json): boolean {
  if (!nonEmptyPrompt(body?.input)) return true;
  const m = num(body.max_output_tokens);
  return m !== undefined && m <= 16;
}

/** Legacy completions / llama.cpp /completion ping: empty prompt, max_tokens <= 1, n_predict 0 or 1. */
export function isCompletionPing(body: Json): boolean {
  if (!nonEmptyPrompt(body?.prompt)) return true;
  const mt = num(body.max_tokens);
  if (mt !== undefined && mt <= 1) return true;
  const np = num(body.n_predict);
  return np !== undefined && np >= 0 && np <= 1;
}

/** The token limit of an OpenAI-style request (max_tokens / max_completion_tokens / max_output_tokens / n_predict). */
export function tokenLimit(body: Json): number | undefined {
  return num(body?.max_tokens) ?? num(body?.max_completion_tokens) ?? num(body?.max_output_tokens) ?? num(body?.n_predict);
}

/**
 * How a simulated model answers a request that offers tools: `call` (a well-formed call of the first
 * tool, its required string parameters filled), `malformed` (arguments that are not JSON) or `ignore`
 * (plain text, as local models that never call tools do). The default is `ignore`: OpenClaw's own
 * turns offer ~11 tools, and a called tool would start an agent loop the journeys do not expect.
 */
export type ToolMode = 'call' | 'malformed' | 'ignore';

/** The tool call a request gets under `mode`, or undefined (no tools offered, or `ignore`). */
export function toolCallFor(body: Json, mode: ToolMode = 'ignore'): { id: string; name: string; arguments: string } | undefined {
  const tools = Array.isArray(body?.tools) ? body.tools : [];
  if (!tools.length || mode === 'ignore') return undefined;
  const t = tools[0];
  const fn = isObj(t?.function) ? t.function : t; // chat/Ollama nest { function }, Responses is flat
  const name = str(fn?.name) ?? 'tool';
  const required: string[] = Array.isArray(fn?.parameters?.required) ? fn.parameters.required.filter((k: unknown) => typeof k === 'string') : [];
  const args = Object.fromEntries(required.map((k) => [k, 'Hanoi']));
  return { id: `call_${rid(24)}`, name, arguments: mode === 'malformed' ? '{"city": Hanoi' : JSON.stringify(args) };
}

/** `POST /v1/chat/completions` response (openai-generic/chat-completions.json filled in). */
export function chatCompletion(model: string, body: Json, created: number, tools: ToolMode = 'ignore'): Json {
  const call = toolCallFor(body, tools);
  const r = call ? { text: '', tokens: 12, finish: 'stop' as const } : reply(tokenLimit(body));
  const pt = promptTokens(body);
  const c = fixture('openai-generic/chat-completions.json');
  c.id = `chatcmpl-${rid(29)}`;
  c.created = created;
  c.model = model;
  c.choices[0].message.content = call ? null : r.text;
  c.choices[0].finish_reason = call ? 'tool_calls' : r.finish;
  if (call) c.choices[0].message.tool_calls = [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }];
  c.usage.prompt_tokens = pt;
  c.usage.completion_tokens = r.tokens;
  c.usage.total_tokens = pt + r.tokens;
  return c;
}

/** SSE payloads of a streamed chat completion (chunks, then [DONE]). */
export function chatCompletionStream(model: string, body: Json, created: number, tools: ToolMode = 'ignore'): { data: string }[] {
  const call = toolCallFor(body, tools);
  const r = reply(tokenLimit(body));
  const id = `chatcmpl-${rid(29)}`;
  const chunk = (delta: Json, finish: string | null): { data: string } => ({
    data: JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    }),
  });
  const out = [chunk({ role: 'assistant', content: '' }, null)];
  // stream_options.include_usage: one last chunk with no choices and the usage (OpenAI, vLLM, llama.cpp).
  const usage = (completion: number): { data: string } => {
    const pt = promptTokens(body);
    return { data: JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: { prompt_tokens: pt, completion_tokens: completion, total_tokens: pt + completion } }) };
  };
  const wantsUsage = body?.stream_options?.include_usage === true;
  if (call) {
    // As llama.cpp and vLLM stream it: the name first, then the arguments in pieces.
    out.push(chunk({ tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }, null));
    for (const piece of call.arguments.match(/.{1,6}/g) ?? []) out.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null));
    out.push(chunk({}, 'tool_calls'));
    if (wantsUsage) out.push(usage(12));
    out.push({ data: '[DONE]' });
    return out;
  }
  const tokens = REPLY_TOKENS.slice(0, r.tokens);
  for (const t of tokens) out.push(chunk({ content: t }, null));
  out.push(chunk({}, r.finish));
  if (wantsUsage) out.push(usage(r.tokens));
  out.push({ data: '[DONE]' });
  return out;
}

/** `POST /v1/completions` (legacy) response. */
export function textCompletion(model: string, body: Json, created: number): Json {
  const r = reply(tokenLimit(body));
  const pt = promptTokens(body);
  return {
    id: `cmpl-${rid(29)}`,
    object: 'text_completion',
    created,
    model,
    choices: [{ index: 0, text: r.text, logprobs: null, finish_reason: r.finish }],
    usage: { prompt_tokens: pt, completion_tokens: r.tokens, total_tokens: pt + r.tokens },
  };
}

/** `POST /v1/responses` response (openai-generic/responses.json filled in). */
export function responsesObject(model: string, body: Json, createdSec: number): Json {
  const maxOut = num(body?.max_output_tokens);
  const r = reply(maxOut);
  const pt = promptTokens(body);
  const o = fixture('openai-generic/responses.json');
  o.id = `resp_${rid(48)}`;
  o.created_at = createdSec;
  o.completed_at = r.finish === 'stop' ? createdSec : null;
  o.status = r.finish === 'stop' ? 'completed' : 'incomplete';
  o.incomplete_details = r.finish === 'stop' ? null : { reason: 'max_output_tokens' };
  o.instructions = str(body?.instructions) ?? null;
  o.max_output_tokens = maxOut ?? null;
  o.model = model;
  o.output[0].id = `msg_${rid(48)}`;
  o.output[0].status = r.finish === 'stop' ? 'completed' : 'incomplete';
  o.output[0].content[0].text = r.text;
  o.previous_response_id = str(body?.previous_response_id) ?? null;
  o.usage.input_tokens = pt;
  o.usage.output_tokens = r.tokens;
  o.usage.total_tokens = pt + r.tokens;
  return o;
}

/** SSE events of a streamed Responses API call. */
export function responsesStream(model: string, body: Json, createdSec: number, tools: ToolMode = 'ignore'): { event: string; data: string }[] {
  const call = toolCallFor(body, tools);
  const final = responsesObject(model, body, createdSec);
  const created = { ...final, status: 'in_progress', completed_at: null, output: [], usage: null };
  let seq = 0;
  const ev = (event: string, payload: Json): { event: string; data: string } => ({
    event,
    data: JSON.stringify({ type: event, sequence_number: seq++, ...payload }),
  });
  if (call) {
    const item = { id: `fc_${rid(48)}`, type: 'function_call', status: 'completed', call_id: call.id, name: call.name, arguments: call.arguments };
    const done = { ...final, status: 'completed', output: [item], usage: { ...final.usage, output_tokens: 12 } };
    return [
      ev('response.created', { response: created }),
      ev('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } }),
      ...(call.arguments.match(/.{1,6}/g) ?? []).map((delta) => ev('response.function_call_arguments.delta', { item_id: item.id, output_index: 0, delta })),
      ev('response.function_call_arguments.done', { item_id: item.id, output_index: 0, arguments: call.arguments }),
      ev('response.output_item.done', { output_index: 0, item }),
      ev('response.completed', { response: done }),
    ];
  }
  const text: string = final.output[0].content[0].text;
  return [
    ev('response.created', { response: created }),
    ev('response.in_progress', { response: created }),
    ev('response.output_text.delta', { item_id: final.output[0].id, output_index: 0, content_index: 0, delta: text }),
    ev('response.output_text.done', { item_id: final.output[0].id, output_index: 0, content_index: 0, text }),
    ev(final.status === 'completed' ? 'response.completed' : 'response.incomplete', { response: final }),
  ];
}

/** OpenAI error envelope `{error:{message,type,param,code}}`. */
export function oaiError(message: string, type: string | null, param: string | null = null, code: string | number | null = null): Json {
  return { error: { message, type, param, code } };
}

/** Whether an OpenAI-style request to `endpoint` looks like a keep-warm ping. */
export function isOpenAIPing(endpoint: 'chat' | 'completions' | 'responses', body: Json): boolean {
  if (endpoint === 'chat') return isChatPing(body);
  if (endpoint === 'responses') return isResponsesPing(body);
  return isCompletionPing(body);
}

/** What OpenClaw sends for one turn through an OpenAI-compatible API (never a ping). */
export function userTurn(model: string, responses: boolean): { path: string; body: Json } {
  const text = 'Summarise the failing test output below and propose a fix.\n\nFAIL test/app.test.ts > loads config';
  if (responses) return { path: '/v1/responses', body: { model, input: text, max_output_tokens: 1024, stream: false } };
  return {
    path: '/v1/chat/completions',
    body: {
      model,
      messages: [
        { role: 'system', content: 'You are a coding agent.' },
        { role: 'user', content: text },
      ],
      max_tokens: 1024,
      stream: false,
    },
  };
}
