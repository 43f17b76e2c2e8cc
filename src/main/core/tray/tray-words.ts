// The tray menu's words in the app's language (settings.language). States, keep-warm words and the
// summary come from the same catalogs the window uses (the renderer's JSON, imported as data, as the
// CLI does), so the tray and the dashboard say the same thing; the menu's own labels are here.
// English stays exactly the shared English words (src/shared/states.ts).
import type { ApiOutput } from '../../../shared/contract';
import { renderMessage } from '../../../shared/messages';
import { KEEP_STATE_WORD, loadingSeconds, modelStateWords, SERVER_STATE_WORD, type KeepState, type ModelView, type ServerState } from '../../../shared/states';
import viCommon from '../../../renderer/src/i18n/locales/vi/common.json' with { type: 'json' };
import viDashboard from '../../../renderer/src/i18n/locales/vi/dashboard.json' with { type: 'json' };
import viMessages from '../../../renderer/src/i18n/locales/vi/messages.json' with { type: 'json' };

export type TrayLanguage = 'en' | 'vi';

export interface TrayWords {
  starting: string;
  checkingServers: string;
  noServers: string;
  summary(s: ApiOutput<'status'>['summary']): string;
  server(state: ServerState): string;
  /** A model's state phrase ("loaded at 32,768 context", "loading… 12 s"). */
  model(v: ModelView, now?: number): string;
  /** '' when the keep state adds nothing. */
  keep(k: KeepState): string;
  /** An engine message (an endpoint's error or note), in this language where it has a code. */
  say(m: Parameters<typeof renderMessage>[0] | undefined, fallback: string): string;
  moreModels(n: number): string;
  moreServers(n: number): string;
  localFirst: string;
  localFirstUnreadable: string;
  localFirstNoLocal: string;
  keepWarm: string;
  warmNowOne(ref: string): string;
  warmNowMany(n: number): string;
  warmNowNone: string;
  unload(ref: string, frees?: string): string;
  openWindow: string;
  openConfig: string;
  quit: string;
  tooltip(summary: string | null): string;
}

const en: TrayWords = {
  starting: 'Starting…',
  checkingServers: 'Checking servers…',
  noServers: 'No local servers found',
  summary: (s) => s.reason,
  server: (state) => SERVER_STATE_WORD[state],
  model: (v, now) => modelStateWords(v, now),
  keep: (k) => KEEP_STATE_WORD[k],
  say: (_m, fallback) => fallback,
  moreModels: (n) => `    …and ${n} more`,
  moreServers: (n) => `…and ${n} more servers`,
  localFirst: 'Use local first',
  localFirstUnreadable: 'Use local first (config unreadable)',
  localFirstNoLocal: 'Use local first (no local provider)',
  keepWarm: 'Keep warm',
  warmNowOne: (ref) => `Warm now (${ref})`,
  warmNowMany: (n) => `Warm now (${n} models)`,
  warmNowNone: 'Warm now (nothing to keep warm)',
  unload: (ref, frees) => `Unload ${ref}${frees ? ` (frees ${frees})` : ''}`,
  openWindow: 'Open Warmclaw',
  openConfig: 'Open config file',
  quit: 'Quit Warmclaw',
  tooltip: (summary) => `Warmclaw — ${summary ?? 'starting…'}`,
};

const viNumber = new Intl.NumberFormat('vi-VN');
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_a, k: string) => String(values[k] ?? ''));
const sentenceCase = (s: string) => (s ? s[0]!.toLowerCase() + s.slice(1) : s);
const viSay: TrayWords['say'] = (m, fallback) => (m ? renderMessage(m, { templates: viMessages, number: (n) => viNumber.format(n) }, fallback) : fallback);

const vi: TrayWords = {
  starting: 'Đang khởi động…',
  checkingServers: viCommon.summaryReason.checking,
  noServers: 'Không tìm thấy máy chủ cục bộ nào',
  summary: (s) => {
    if (s.reasonMsg) return viSay(s.reasonMsg, s.reason);
    const key = s.reasonKey as keyof typeof viCommon.summaryReason | undefined;
    const template = key ? viCommon.summaryReason[key] : undefined;
    return template ? fill(template, { models: (s.models ?? []).join(', ') }) : s.reason;
  },
  server: (state) => sentenceCase(viCommon.serverState[state]),
  model: (v, now) => {
    if (v.state === 'loaded' && v.loadedContext !== undefined) return sentenceCase(fill(viDashboard.state.loadedAt, { context: `${viNumber.format(v.loadedContext)} token` }));
    if (v.state === 'loading' && v.loadingSince !== undefined && now !== undefined) return sentenceCase(fill(viDashboard.state.loadingFor, { seconds: loadingSeconds(v.loadingSince, now) }));
    return sentenceCase(viDashboard.state[v.state]);
  },
  keep: (k) => (k === 'off' ? '' : sentenceCase(viDashboard.keep[k])),
  say: viSay,
  moreModels: (n) => `    …và ${n} mô hình khác`,
  moreServers: (n) => `…và ${n} máy chủ khác`,
  localFirst: 'Ưu tiên mô hình cục bộ',
  localFirstUnreadable: 'Ưu tiên mô hình cục bộ (không đọc được cấu hình)',
  localFirstNoLocal: 'Ưu tiên mô hình cục bộ (chưa có nhà cung cấp cục bộ)',
  keepWarm: 'Giữ ấm',
  warmNowOne: (ref) => `Làm ấm ngay (${ref})`,
  warmNowMany: (n) => `Làm ấm ngay (${n} mô hình)`,
  warmNowNone: 'Làm ấm ngay (chưa có mô hình nào để giữ ấm)',
  // Short, like the English: a long ref plus "khỏi bộ nhớ" would not fit one menu line.
  unload: (ref, frees) => `Gỡ ${ref}${frees ? ` (giải phóng ${frees})` : ''}`,
  openWindow: 'Mở Warmclaw',
  openConfig: 'Mở tệp cấu hình',
  quit: 'Thoát Warmclaw',
  tooltip: (summary) => `Warmclaw — ${summary ?? 'đang khởi động…'}`,
};

/** The tray's words for a language (anything unknown: English). */
export function trayWords(lang: string | undefined): TrayWords {
  return lang === 'vi' ? vi : en;
}
