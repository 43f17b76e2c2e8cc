// Plain-words messages for what goes wrong at the monitor's level (its own deadlines, adapters that
// throw, lost connections). Adapters already word HTTP failures; these cover the rest.
import type { EndpointKind } from '../../../shared/status';
import type { LostReason } from './liveness';
import { clip } from './state';
import { SERVER_NAME } from '../../../shared/openclaw-constants';
import { english, msg, type Message } from '../../../shared/messages';

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

/** A server named in a sentence: its product name, or a phrase the UI translates ("the server"). */
export function whoMessage(kind: EndpointKind | undefined): string | Message {
  if (!kind) return msg('who.server');
  return kind === 'openai-compatible' ? msg('who.openai-compatible') : KIND_LABEL[kind];
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s}` : s.toFixed(1);
}

/** The server did not finish a call within the monitor's own deadline (`what` as words, or a message). */
export function deadlineMessage(baseUrl: string, what: string | Message, ms: number, kind?: EndpointKind): Message {
  return msg('server.deadline', { where: hostPort(baseUrl), what, seconds: seconds(ms), who: whoMessage(kind) });
}

/** The liveness watch lost the server. */
export function lostMessage(baseUrl: string, reason: LostReason, kind?: EndpointKind): Message {
  const who = kind ? msg('who.server-of', { name: KIND_LABEL[kind] }) : msg('who.server');
  switch (reason) {
    case 'refused':
      return msg('server.lost-refused', { where: hostPort(baseUrl), who });
    case 'timeout':
      return msg('server.lost-timeout', { where: hostPort(baseUrl), who });
    default:
      return msg('server.lost', { where: hostPort(baseUrl), who });
  }
}

export function lostWords(baseUrl: string, reason: LostReason, kind?: EndpointKind): string {
  return english(lostMessage(baseUrl, reason, kind));
}

/** Any thrown value as one bounded sentence. */
export function thrownWords(err: unknown, what: string): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : 'unknown error';
  return clip(`${what} failed: ${raw || 'unknown error'}`)!;
}

/** When no runtime recognised the server. */
export function unrecognisedMessage(baseUrl: string): Message {
  return msg('server.unrecognised', { where: hostPort(baseUrl) });
}

export function unrecognisedWords(baseUrl: string): string {
  return english(unrecognisedMessage(baseUrl));
}
