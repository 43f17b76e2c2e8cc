// Applies security-policy.ts to Electron: CSP on every response of the default session, no permissions,
// no navigation, no new windows, no <webview>. Everything here only wires; the rules live in the policy.
import { app, session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy, navigationDecision, permissionAllowed, windowOpenDecision, withCsp } from './security-policy';

/** Opens an allowlisted https link in the user's browser (never in the app). */
function openExternally(url: string): void {
  void shell.openExternal(url).catch(() => undefined);
}

/** Locks one webContents down: will-navigate blocked, window.open denied, webviews refused. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (navigationDecision(url) === 'open-external') openExternally(url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    const d = windowOpenDecision(url);
    if (d.openExternal) openExternally(url);
    return { action: d.action };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide rules; call once when the app is ready, before any window loads. */
export function applySessionSecurity(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  const csp = contentSecurityPolicy(devServerUrl);
  // The page's meta tag covers file:// loads; this header covers the dev server (and anything served).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
  // Every webContents ever created (including any we did not expect) gets the same lock-down.
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents));
}
