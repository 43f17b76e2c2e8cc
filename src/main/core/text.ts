// Small text helpers for words shown to people (tray menu lines, notification bodies).

/** Collapses white space and cuts to `max` characters with an ellipsis. */
export function oneLine(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** `127.0.0.1:1234` from a base URL (the URL itself when it does not parse). */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
