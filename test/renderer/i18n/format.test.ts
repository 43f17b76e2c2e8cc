// A POSIX locale (LANG=C.UTF-8 → Chromium's `en-US@posix`) or any garbage language tag must still
// format: every Intl call in the UI goes through safeLocale, and navigator.language is made valid
// before uPlot reads it.
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, formatDuration, formatNumber, formatRelative } from '../../../src/renderer/src/i18n/format';
import { guardNavigatorLanguage, safeLocale } from '../../../src/renderer/src/i18n/locale';

const HOSTILE = ['en-US@posix', 'C', 'C.UTF-8', 'POSIX', '', '   ', 'garbage!!', 'x', 'en_US.UTF-8', 'vi_VN.UTF-8@euro', '\u0000', 'toolongsubtagthatisnotvalid'];

describe('safeLocale', () => {
  it('always returns a tag Intl accepts', () => {
    for (const tag of [...HOSTILE, undefined, null, 42]) {
      const safe = safeLocale(tag);
      expect(() => new Intl.NumberFormat(safe)).not.toThrow();
      expect(() => new Intl.DateTimeFormat(safe)).not.toThrow();
    }
  });

  it('translates POSIX forms and keeps good tags', () => {
    expect(safeLocale('en-US@posix')).toBe('en-US');
    expect(safeLocale('en_US.UTF-8')).toBe('en-US');
    expect(safeLocale('vi_VN.UTF-8@euro')).toBe('vi-VN');
    expect(safeLocale('C')).toBe('en');
    expect(safeLocale('C.UTF-8')).toBe('en');
    expect(safeLocale('POSIX')).toBe('en');
    expect(safeLocale('')).toBe('en');
    expect(safeLocale('garbage!!')).toBe('en');
    expect(safeLocale('vi')).toBe('vi');
    expect(safeLocale('de-DE')).toBe('de-DE');
  });

  it('makes a navigator-like object report a valid language', () => {
    const nav = { language: 'en-US@posix', languages: ['en-US@posix', 'C', 'vi'] };
    expect(guardNavigatorLanguage(nav)).toBe('en-US');
    expect(nav.language).toBe('en-US');
    expect(nav.languages).toEqual(['en-US', 'en', 'vi']);
    const good = { language: 'vi', languages: ['vi'] };
    expect(guardNavigatorLanguage(good)).toBe('vi');
  });
});

describe('formatters under a hostile active language', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'en', resources: {} });
  });
  afterAll(async () => {
    await i18next.changeLanguage('en');
  });

  it.each(HOSTILE.map((t) => [JSON.stringify(t), t] as const))('%s: numbers, sizes, durations, relative times and dates render', async (_n, tag) => {
    // i18next keeps whatever it is given; the formatters must cope.
    i18next.language = tag;
    expect(formatNumber(131072)).toMatch(/131.?072/);
    expect(formatBytes(1536)).toMatch(/1.5\u00a0KB/);
    expect(formatDuration(90_000)).toMatch(/1.*30/);
    expect(formatRelative(Date.now() + 4 * 60_000, Date.now())).not.toBe('');
    expect(formatDateTime('2026-01-02T03:04:05Z')).toMatch(/2026/);
  });
});
