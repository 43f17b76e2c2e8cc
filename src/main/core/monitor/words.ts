// Plain-words messages for what goes wrong at the monitor's level (its own deadlines, adapters that
// throw, lost connections). Adapters already word HTTP failures; these cover the rest.
import type { EndpointKind } from '../../../shared/status';
import type { LostReason } from './liveness';
import { clip } from './state';
import { SERVER_NAME } from '../../../shared/openclaw-constants';

/** Who to name in a message: the product, or for a generic proxy "the OpenAI-compatible server". */
export const KIND_LABEL: Record<EndpointKind, string> = { ...SERVER_NAME, llamacpp: 'llama-server', 'openai-compatible': 'the OpenAI-compatible server' };

export function hostPort(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return baseUrl;
  }
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s} s` : `${s.toFixed(1)} s`;
}

/** The server did not finish a call within the monitor's own deadline. */
export function deadlineWords(baseUrl: string, what: string, ms: number, kind?: EndpointKind): string {
  const who = kind ? KIND_LABEL[kind] : 'the server';
  return `no answer from ${hostPort(baseUrl)} to ${what} within ${seconds(ms)} — ${who} may be hung or busy loading a model`;
}

/** The liveness watch lost the server. */
export function lostWords(baseUrl: string, reason: LostReason, kind?: EndpointKind): string {
  const who = kind ? `${KIND_LABEL[kind]}'s server` : 'the server';
  switch (reason) {
    case 'refused':
      return `connection refused on ${hostPort(baseUrl)} — ${who} stopped (is it still running?)`;
    case 'timeout':
      return `${hostPort(baseUrl)} stopped accepting connections — ${who} may be hung`;
    default:
      return `lost the connection to ${hostPort(baseUrl)} — ${who} may have stopped`;
  }
}

/** Any thrown value as one bounded sentence. */
export function thrownWords(err: unknown, what: string): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : 'unknown error';
  return clip(`${what} failed: ${raw || 'unknown error'}`)!;
}

/** When no runtime recognised the server. */
export function unrecognisedWords(baseUrl: string): string {
  return `${hostPort(baseUrl)} answers, but not like LM Studio, Ollama, vLLM, llama.cpp, LiteLLM or an OpenAI-compatible server`;
}
