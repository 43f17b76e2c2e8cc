// Desktop notifications in the app's language (settings.language), like the tray menu: engine
// messages (an endpoint's error, a failover's reason) go through the same catalogs as the window,
// so a Vietnamese user is not told in English that the server they just read about in Vietnamese
// went down. OpenClaw's own words (a gateway rejection) stay as OpenClaw wrote them.
import { trayWords, type TrayLanguage } from '../tray/tray-words';
import type { WireMessage } from '../../../shared/messages';

export type DownWord = 'down' | 'unreachable' | 'failing';

export interface NoticeWords {
  serverTitle(word: DownWord, name: string): string;
  stoppedAnswering(host: string): string;
  coldStartTitle(model: string): string;
  coldStartByClient(model: string, host: string): string;
  coldStartByUs(model: string, host: string, took: string): string;
  toHostedTitle: string;
  toHosted(reason: string): string;
  toLocalTitle: string;
  toLocal(reason: string): string;
  gatewayRejected: string;
  cannotOpenConfig: string;
  couldNotDoThat: string;
  couldNotWarm(ref: string): string;
  serverDidNotLoad: string;
  /** An engine message in this language where it has a code, else the English fallback. */
  say(m: WireMessage | undefined, fallback: string): string;
  seconds(ms: number): string;
}

const seconds = (ms: number, decimal: string) => (ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1).replace('.', decimal)} s`);

const en: NoticeWords = {
  serverTitle: (word, name) => `Local model server ${word}: ${name}`,
  stoppedAnswering: (host) => `${host} stopped answering.`,
  coldStartTitle: (model) => `Cold start: ${model}`,
  coldStartByClient: (model, host) => `A request (OpenClaw's, most likely) had to wait while ${host} loaded ${model}.`,
  coldStartByUs: (model, host, took) => `${model} was not loaded on ${host}; loading it took ${took}.`,
  toHostedTitle: 'Switched to hosted models',
  toHosted: (reason) => `The local model is unavailable, so OpenClaw now tries hosted models first. ${reason}`,
  toLocalTitle: 'Back to local first',
  toLocal: (reason) => `The local model is healthy again, so OpenClaw tries it first. ${reason}`,
  gatewayRejected: 'OpenClaw gateway rejected the config change',
  cannotOpenConfig: 'Cannot open the config file',
  couldNotDoThat: 'Warmclaw could not do that',
  couldNotWarm: (ref) => `Could not warm ${ref}`,
  serverDidNotLoad: 'The server did not load the model.',
  say: (_m, fallback) => fallback,
  seconds: (ms) => seconds(ms, '.'),
};

const VI_DOWN: Record<DownWord, string> = { down: 'ngừng', unreachable: 'không kết nối được', failing: 'đang trả lỗi' };

const vi: NoticeWords = {
  serverTitle: (word, name) => `Máy chủ mô hình cục bộ ${VI_DOWN[word]}: ${name}`,
  stoppedAnswering: (host) => `${host} không còn trả lời.`,
  coldStartTitle: (model) => `Khởi động nguội: ${model}`,
  coldStartByClient: (model, host) => `Một yêu cầu (nhiều khả năng của OpenClaw) phải chờ ${host} nạp ${model}.`,
  coldStartByUs: (model, host, took) => `${model} chưa được nạp trên ${host}; nạp mất ${took}.`,
  toHostedTitle: 'Đã chuyển sang mô hình đám mây',
  toHosted: (reason) => `Mô hình cục bộ không dùng được, nên OpenClaw giờ thử mô hình đám mây trước. ${reason}`,
  toLocalTitle: 'Đã quay lại ưu tiên cục bộ',
  toLocal: (reason) => `Mô hình cục bộ đã ổn định trở lại, nên OpenClaw thử nó trước. ${reason}`,
  gatewayRejected: 'Gateway OpenClaw đã từ chối thay đổi cấu hình',
  cannotOpenConfig: 'Không mở được tệp cấu hình',
  couldNotDoThat: 'Warmclaw không làm được việc đó',
  couldNotWarm: (ref) => `Không làm ấm được ${ref}`,
  serverDidNotLoad: 'Máy chủ đã không nạp mô hình.',
  say: (m, fallback) => trayWords('vi').say(m, fallback),
  seconds: (ms) => seconds(ms, ','),
};

/** The notification words for a language (anything unknown: English). */
export function noticeWords(lang: TrayLanguage | string | undefined): NoticeWords {
  return lang === 'vi' ? vi : en;
}
