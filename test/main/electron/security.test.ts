// The Electron shell's security settings, checked without Electron (its binary is not needed): the
// policy module's values directly, and the shell's sources as text, so a window or IPC handler that
// bypasses the policy fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXTERNAL_ALLOWLIST,
  contentSecurityPolicy,
  isAllowedExternalUrl,
  isAppUrl,
  mainWindowOptions,
  navigationDecision,
  permissionAllowed,
  secureWebPreferences,
  windowOpenDecision,
  withCsp,
} from '../../../src/main/electron/security-policy';

const srcDir = join(import.meta.dirname, '../../../src');
const electronDir = join(srcDir, 'main/electron');
const read = (rel: string) => readFileSync(join(srcDir, rel), 'utf8');
/** Source without comments, so a mention in a comment neither passes nor fails a check. */
const code = (rel: string) => read(rel).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

const origin = { rendererFile: '/opt/warmclaw/out/renderer/index.html' };
const devOrigin = { ...origin, devServerUrl: 'http://localhost:5173/' };

describe('webPreferences', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security on', () => {
    const prefs = secureWebPreferences('/x/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/x/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    // No remote module, no option that loosens anything.
    expect(Object.keys(prefs)).not.toContain('enableRemoteModule');
    expect(Object.keys(prefs)).not.toContain('enableBlinkFeatures');
  });

  it('the main window is built from it, hidden until ready, with a minimum size', () => {
    const opts = mainWindowOptions({ preloadPath: '/p.cjs' });
    expect(opts.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(opts.show).toBe(false);
    expect(opts.minWidth).toBeGreaterThan(0);
    expect(opts.minHeight).toBeGreaterThan(0);
  });
});

describe('Content-Security-Policy', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));

  it('production: nothing by default, our own scripts only, no eval or inline script, no framing', () => {
    const d = directives(contentSecurityPolicy());
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|\*|http:|https:/);
  });

  it('development only adds the dev server websocket and the inline refresh preamble', () => {
    const d = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173', 'wss://localhost:5173']);
    expect(d.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(contentSecurityPolicy('http://localhost:5173/')).not.toMatch(/unsafe-eval/);
  });

  it('replaces any CSP a response carries, whatever the header casing', () => {
    const h = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html' }, 'default-src none');
    expect(h).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['default-src none'] });
  });
});

describe('who is "our renderer"', () => {
  it('the built index.html (any hash) is ours; other files, hosts and schemes are not', () => {
    expect(isAppUrl('file:///opt/warmclaw/out/renderer/index.html', origin)).toBe(true);
    expect(isAppUrl('file:///opt/warmclaw/out/renderer/index.html#/settings', origin)).toBe(true);
    expect(isAppUrl('file:///opt/warmclaw/out/renderer/../renderer/index.html', origin)).toBe(true);
    expect(isAppUrl('file:///tmp/evil.html', origin)).toBe(false);
    expect(isAppUrl('file:///opt/warmclaw/out/renderer/other.html', origin)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', origin)).toBe(false);
    expect(isAppUrl('https://docs.openclaw.ai/', origin)).toBe(false);
    expect(isAppUrl('about:blank', origin)).toBe(false);
    expect(isAppUrl('', origin)).toBe(false);
    expect(isAppUrl(undefined, origin)).toBe(false);
    expect(isAppUrl('not a url', origin)).toBe(false);
  });

  it('the dev server origin is ours only when ELECTRON_RENDERER_URL names it', () => {
    expect(isAppUrl('http://localhost:5173/', devOrigin)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', devOrigin)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', devOrigin)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', devOrigin)).toBe(false);
  });
});

describe('links and navigation', () => {
  it('opens only allowlisted https links externally (documented allowlist)', () => {
    expect(EXTERNAL_ALLOWLIST).toEqual(['https://docs.openclaw.ai/', 'https://github.com/']);
    expect(isAllowedExternalUrl('https://docs.openclaw.ai/gateway/local-models')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/openclaw/openclaw/issues/1')).toBe(true);
    for (const bad of [
      'http://docs.openclaw.ai/',
      'https://docs.openclaw.ai.evil.com/',
      'https://evil.com/?https://github.com/',
      'https://user:pw@github.com/',
      'https://github.com:8443/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://gist.github.com/x',
      'not a url',
    ])
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
  });

  it('never navigates the window; never opens a new window', () => {
    expect(navigationDecision('https://evil.com/')).toBe('deny');
    expect(navigationDecision('file:///opt/warmclaw/out/renderer/index.html')).toBe('deny');
    expect(navigationDecision('https://docs.openclaw.ai/x')).toBe('open-external');
    expect(windowOpenDecision('https://evil.com/')).toEqual({ action: 'deny', openExternal: false });
    expect(windowOpenDecision('https://github.com/x')).toEqual({ action: 'deny', openExternal: true });
  });

  it('denies every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'anything']) expect(permissionAllowed(p)).toBe(false);
  });
});

describe('the shell applies the policy (static checks of the sources)', () => {
  it('the policy module does not import electron (so this test can run it)', () => {
    expect(code('main/electron/security-policy.ts')).not.toMatch(/from\s+['"]electron['"]|require\(['"]electron['"]\)/);
  });

  it('window.ts builds its only BrowserWindow from mainWindowOptions, and no other file builds one', () => {
    const win = code('main/electron/window.ts');
    expect(win).toMatch(/new BrowserWindow\(mainWindowOptions\(/);
    expect(win.match(/new BrowserWindow\(/g)).toHaveLength(1);
    for (const f of readdirSync(electronDir).filter((f) => f.endsWith('.ts') && f !== 'window.ts')) {
      const text = code(`main/electron/${f}`);
      expect(text, f).not.toMatch(/new BrowserWindow\(/);
      if (f !== 'security-policy.ts') expect(text, f).not.toMatch(/webPreferences\s*:/);
    }
  });

  it('ipc.ts checks the sender frame against our renderer before calling the handler', () => {
    const ipc = code('main/electron/ipc.ts');
    expect(ipc).toMatch(/ipcMain\.handle\(IPC_INVOKE/);
    const check = ipc.search(/isAppUrl\(\s*url/);
    const call = ipc.search(/opts\.invoke\(/);
    expect(ipc).toMatch(/event\.senderFrame\?\.url/);
    expect(check).toBeGreaterThan(0);
    expect(call).toBeGreaterThan(check);
    // Events go only to a webContents that shows our renderer.
    expect(ipc).toMatch(/isAppUrl\(wc\.getURL\(\)/);
  });

  it('security.ts blocks navigation, denies new windows and permissions, and sets the CSP header', () => {
    const sec = code('main/electron/security.ts');
    expect(sec).toMatch(/'will-navigate'[\s\S]*?event\.preventDefault\(\)/);
    expect(sec).toMatch(/setWindowOpenHandler\(/);
    expect(sec).toMatch(/setPermissionRequestHandler\([\s\S]*?permissionAllowed/);
    expect(sec).toMatch(/setPermissionCheckHandler\([\s\S]*?permissionAllowed/);
    expect(sec).toMatch(/onHeadersReceived\([\s\S]*?withCsp\(/);
    expect(sec).toMatch(/'web-contents-created'/);
    expect(sec).toMatch(/'will-attach-webview'[\s\S]*?preventDefault/);
  });

  it('index.ts applies the session rules before the first window', () => {
    const index = code('main/electron/index.ts');
    const sec = index.indexOf('applySessionSecurity(');
    expect(sec).toBeGreaterThan(0);
    expect(index.indexOf('createMainWindow(')).toBeGreaterThan(sec);
  });

  it('the preload exposes one frozen bridge and never hands IpcRendererEvent to the page', () => {
    const pre = code('preload/index.ts');
    expect(pre.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(pre).toMatch(/exposeInMainWorld\('warmclaw', bridge\)/);
    expect(pre).toMatch(/const bridge: WarmclawBridge = Object\.freeze\(/);
    expect(pre).toMatch(/\(_event: IpcRendererEvent, ev: ApiEvent\) => listener\(ev\)/);
    expect(pre).toMatch(/__WARMCLAW_API_NAMES__\.map\(/);
  });
});
