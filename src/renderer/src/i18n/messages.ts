// The engine's messages ({ code, params }, src/shared/messages.ts) in the UI's language: English from
// the shared catalog (exactly the engine's words), Vietnamese from locales/vi/messages.json. Numbers
// and dates in parameters follow the language; a code this build does not know shows the engine's
// own English text, which travels beside every message.
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import { renderMessage, type WireMessage } from '../../../shared/messages';
import { formatDateTime, formatNumber } from './format';
import viMessages from './locales/vi/messages.json';

/** Templates by language; English is the shared catalog itself (an empty map falls back to it). */
export const messageTemplates: Record<'en' | 'vi', Readonly<Record<string, string>>> = { en: {}, vi: viMessages };

function templatesFor(lng: string | undefined): Readonly<Record<string, string>> {
  return (lng ?? '').toLowerCase().startsWith('vi') ? messageTemplates.vi : messageTemplates.en;
}

/** `m` in the active language; `fallback` (the engine's English) when there is no message or its code is unknown. */
export function sayMessage(m: WireMessage | undefined, fallback: string, lng: string | undefined = i18next.language): string {
  if (!m) return fallback;
  return renderMessage(m, { templates: templatesFor(lng), number: formatNumber, date: formatDateTime }, fallback);
}

/** sayMessage for components: re-renders when the language changes. */
export function useSay(): (m: WireMessage | undefined, fallback: string) => string {
  const { i18n } = useTranslation();
  return (m, fallback) => sayMessage(m, fallback, i18n.language);
}
