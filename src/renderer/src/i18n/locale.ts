// A locale tag Intl (and uPlot) accept, whatever the browser reports. Under a POSIX locale
// (LANG=C.UTF-8) Chromium reports `en-US@posix`; `new Intl.NumberFormat('en-US@posix')` throws a
// RangeError, and uPlot builds one from navigator.language when it loads: the whole UI went blank.

const FALLBACK = 'en';

function valid(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) return undefined;
    new Intl.NumberFormat(canonical); // some engines accept a tag in one API and not another
    return canonical;
  } catch {
    return undefined;
  }
}

/**
 * A valid BCP 47 tag for `tag`: POSIX forms are translated (`en_US.UTF-8@euro` → `en-US`), `C` and
 * `POSIX` mean English, and anything else that is not a tag becomes English.
 */
export function safeLocale(tag: unknown): string {
  if (typeof tag !== 'string') return FALLBACK;
  const trimmed = tag.trim();
  if (trimmed === '') return FALLBACK;
  const direct = valid(trimmed);
  const posix = trimmed.split(/[.@]/, 1)[0]!.replace(/_/g, '-');
  if (/^(c|posix)$/i.test(posix)) return FALLBACK;
  return direct ?? valid(posix) ?? FALLBACK;
}

/** The part of `Navigator` we read (structural, so tests run it without a DOM). */
export interface LanguageSource {
  readonly language?: string;
  readonly languages?: readonly string[];
}

/**
 * Makes `navigator.language(s)` valid before any library reads them (uPlot does at import time).
 * Runs first in the renderer entry. Returns the tag now reported.
 */
export function guardNavigatorLanguage(nav: LanguageSource | undefined = (globalThis as { navigator?: LanguageSource }).navigator): string | undefined {
  if (!nav) return undefined;
  const reported = nav.language;
  const safe = safeLocale(reported);
  if (safe !== reported) {
    try {
      Object.defineProperty(nav, 'language', { value: safe, configurable: true });
      Object.defineProperty(nav, 'languages', { value: Object.freeze([safe, ...(nav.languages ?? []).map(safeLocale).filter((l) => l !== safe)]), configurable: true });
    } catch {
      /* a frozen navigator: our own formatters still use safeLocale */
    }
  }
  return nav.language;
}
