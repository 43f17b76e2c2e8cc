// Localised numbers, sizes, times and durations for the active language (Intl only, no extra data).
import i18next from 'i18next';
import { safeLocale } from './locale';

/** The active language as a tag Intl accepts (a POSIX or broken tag would throw a RangeError). */
const lng = () => safeLocale(i18next.language);

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(lng()).format(n);
}

/** 131072 → "131,072 tokens" / "131.072 token". */
export function formatTokens(n: number): string {
  return i18next.t('common:units.tokens', { count: n, value: formatNumber(n) });
}

/**
 * 512 → "512 B", 1536 → "1.5 KB", 3_221_225_472 → "3 GB". Symbols rather than Intl's unit names:
 * "short" unit names are not plural-aware in every locale ("1,000 byte").
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
  let v = Math.max(0, bytes);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const n = new Intl.NumberFormat(lng(), { maximumFractionDigits: v < 10 && i > 0 ? 1 : 0 }).format(v);
  return `${n}\u00a0${units[i]}`;
}

/** Milliseconds as the largest two units: "1 min 30 sec", "850 ms". */
export function formatDuration(ms: number): string {
  const n = (value: number, unit: 'millisecond' | 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(lng(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 }).format(value);
  const abs = Math.max(0, ms);
  if (abs < 1000) return n(Math.round(abs), 'millisecond');
  if (abs < 10_000) return new Intl.NumberFormat(lng(), { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1 }).format(abs / 1000);
  const s = Math.round(abs / 1000);
  if (s < 60) return n(s, 'second');
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${n(m, 'minute')} ${n(s % 60, 'second')}` : n(m, 'minute');
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${n(h, 'hour')} ${n(m % 60, 'minute')}` : n(h, 'hour');
  const d = Math.floor(h / 24);
  return h % 24 ? `${n(d, 'day')} ${n(h % 24, 'hour')}` : n(d, 'day');
}

/** "in 4 min", "2 hours ago". */
export function formatRelative(epochMs: number, now = Date.now()): string {
  const diff = epochMs - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(lng(), { numeric: 'auto', style: 'short' });
  if (abs < 60_000) return rtf.format(Math.round(diff / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}

/** `seconds`: to the second (log lines, where several share a minute). */
export function formatDateTime(iso: string | number, opts: { seconds?: boolean } = {}): string {
  return new Intl.DateTimeFormat(lng(), { dateStyle: 'medium', timeStyle: opts.seconds ? 'medium' : 'short' }).format(new Date(iso));
}
