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

// C0 controls, DEL and C1 controls (U+0080–U+009F: 8-bit terminals read U+009B as CSI).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const hex2 = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');

/**
 * Shows control characters as visible escapes (`\x1b`) so text from servers and files cannot drive
 * the terminal it is printed on: no cursor moves, window titles, cleared screens or forged lines.
 * `keepNewlines` keeps line breaks and tabs of our own multi-line output (tables, diffs, usage); a
 * carriage return survives only as part of CRLF. `json` escapes as `\u009b`, which keeps JSON valid.
 */
export function escapeControls(s: string, opts: { keepNewlines?: boolean; json?: boolean } = {}): string {
  return s.replace(CONTROL, (c, offset: number) => {
    if (opts.keepNewlines && (c === '\n' || c === '\t' || (c === '\r' && s[offset + 1] === '\n'))) return c;
    return opts.json ? `\\u00${hex2(c)}` : `\\x${hex2(c)}`;
  });
}
