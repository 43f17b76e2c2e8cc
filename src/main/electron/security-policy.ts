// The Electron shell's security rules as plain data and pure functions: no `electron` import, so
// vitest checks them directly (test/main/electron/security.test.ts). security.ts, window.ts and ipc.ts
// apply them; nothing in the shell builds webPreferences, a CSP or a URL rule of its own.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * External links the app may open in the user's browser: our documentation and GitHub (issues,
 * release notes). Exact https origins only; everything else is refused, never opened in-app.
 */
export const EXTERNAL_ALLOWLIST: readonly string[] = ['https://docs.openclaw.ai/', 'https://github.com/'];

/**
 * Settings every window gets. Electron's safe defaults, spelled out so a change is a reviewed diff:
 * the page has no Node, runs in the OS sandbox, and reaches main only through the preload's bridge.
 * (The `remote` module was removed in Electron 14; no option may bring it back.)
 */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

/** Size rules of the main window (a minimum so the dashboard's columns never collapse). */
export const WINDOW_SIZE = { width: 1040, height: 720, minWidth: 760, minHeight: 520 } as const;

/** BrowserWindow options for the main window: always built here, so webPreferences cannot drift. */
export function mainWindowOptions(opts: { preloadPath: string; iconPath?: string }) {
  return {
    ...WINDOW_SIZE,
    show: false,
    title: 'Warmclaw',
    backgroundColor: '#111418',
    autoHideMenuBar: true,
    ...(opts.iconPath !== undefined && { icon: opts.iconPath }),
    webPreferences: secureWebPreferences(opts.preloadPath),
  };
}

/**
 * The Content-Security-Policy for the app's pages. Production: only our own files, no inline or
 * eval'd script, no network beyond 'self' (the UI talks to main over IPC). Inline styles stay allowed:
 * the renderer's own meta tag allows them and charts set styles at run time. The dev server needs
 * its inline React-refresh preamble and the HMR websocket, so development relaxes exactly those.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  let dev: URL | undefined;
  if (devServerUrl) {
    try {
      dev = new URL(devServerUrl);
    } catch {
      dev = undefined;
    }
  }
  const ws = dev ? ` ws://${dev.host} wss://${dev.host}` : '';
  return [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "worker-src 'none'",
  ].join('; ');
}

export interface AppOrigin {
  /** Absolute path of the built renderer's index.html (out/renderer/index.html). */
  rendererFile: string;
  /** ELECTRON_RENDERER_URL in `electron-vite dev`; only then is an http origin ours. */
  devServerUrl?: string;
}

/** Whether a URL is our renderer: the built index.html (any hash/query) or the dev server's origin. */
export function isAppUrl(url: string | undefined | null, origin: AppOrigin): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'file:') {
    try {
      return resolve(fileURLToPath(u)) === resolve(origin.rendererFile);
    } catch {
      return false;
    }
  }
  if (!origin.devServerUrl) return false;
  try {
    const dev = new URL(origin.devServerUrl);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin;
  } catch {
    return false;
  }
}

/** Whether a link may be handed to the OS browser (https, allowlisted origin and path prefix, no credentials). */
export function isAllowedExternalUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return false;
  return EXTERNAL_ALLOWLIST.some((prefix) => {
    const p = new URL(prefix);
    return u.hostname === p.hostname && u.pathname.startsWith(p.pathname);
  });
}

/**
 * What to do when the page tries to navigate (will-navigate): never in the window, not even to our own
 * origin (the app is one page; reloads do not emit will-navigate). Allowlisted https opens in the browser.
 */
export function navigationDecision(url: string): 'open-external' | 'deny' {
  return isAllowedExternalUrl(url) ? 'open-external' : 'deny';
}

/** The window-open handler's answer: windows are always denied; allowlisted links go to the browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternal: boolean } {
  return { action: 'deny', openExternal: isAllowedExternalUrl(url) };
}

/** Permission requests (camera, notifications from the page, geolocation, …): the page needs none. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}

/** Adds our CSP to a response's headers (replacing any the server sent, whatever its casing). */
export function withCsp(headers: Record<string, string[] | string> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
