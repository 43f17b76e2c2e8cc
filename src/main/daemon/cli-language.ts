// The CLI speaks its user's language where a translation exists: the engine's messages (codes, see
// src/shared/messages.ts) in Vietnamese when the POSIX locale says `vi…`, English otherwise. The
// Vietnamese templates are the renderer's own catalog, imported as JSON, so the CLI and the UI say
// the same sentence and the CLI needs no renderer bundle. Fixed chrome (help, table headers) stays English.
import { renderMessage, type WireMessage } from '../../shared/messages';
import viMessages from '../../renderer/src/i18n/locales/vi/messages.json';

export type CliLanguage = 'en' | 'vi';

/** A function that words an engine message; `fallback` is the engine's English, used when there is no code. */
export type Say = (m: WireMessage | undefined, fallback: string) => string;

/**
 * The language of the messages category, with POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG
 * (the first one set and non-empty decides). `vi`, `vi_VN.UTF-8`, `vi-VN` → Vietnamese; C, POSIX,
 * anything without a translation, or nothing set → English.
 */
export function cliLanguage(env: NodeJS.ProcessEnv): CliLanguage {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v.trim() !== '') ?? '';
  return /^vi(?:[_.\-@]|$)/i.test(tag.trim()) ? 'vi' : 'en';
}

const viNumber = new Intl.NumberFormat('vi-VN');

/** The sayer for a language: English is the engine's own text; Vietnamese renders from the shared catalog. */
export function sayerFor(lang: CliLanguage): Say {
  if (lang === 'en') return (_m, fallback) => fallback;
  return (m, fallback) => (m ? renderMessage(m, { templates: viMessages, number: (n) => viNumber.format(n) }, fallback) : fallback);
}

/** The sayer the CLI's environment asks for. */
export function cliSayer(env: NodeJS.ProcessEnv): Say {
  return sayerFor(cliLanguage(env));
}
