// URLs typed by people: "127.0.0.1:1234" means http://127.0.0.1:1234.

/** An http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
  } catch {
    return false;
  }
}

/** The URL with http:// added when no scheme was typed; null when it still is not an http(s) URL. */
export function normalizeHttpUrl(text: string): string | null {
  const v = text.trim();
  if (!v) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`;
  return isHttpUrl(withScheme) ? withScheme : null;
}
