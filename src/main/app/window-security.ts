import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';

/** Window options: sandboxed, isolated, no Node in the page. The preload is a CommonJS bundle for that reason. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#121212',
    title: 'NUCLEO-MEM Bench',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/** True for links the app hands to the system browser (never opened inside the app). */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** What the security guards need from Electron; injected so tests pass fakes. */
export interface SecurityDeps {
  openExternal(url: string): void;
  /** The app's own page URL (file:// or the dev server); navigation elsewhere is refused. */
  appUrl: string;
}

/** Adds a CSP header to every response and refuses every permission request of the page. */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Denies navigation away from the app, window.open and webview attachment; http(s) links go to the system browser. */
export function guardWebContents(contents: WebContents, deps: SecurityDeps): void {
  contents.on('will-navigate', (event, url) => {
    if (!isSameApp(url, deps.appUrl)) {
      event.preventDefault();
      if (isExternalLink(url)) deps.openExternal(url);
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) deps.openExternal(url);
    return { action: 'deny' };
  });
}

function isSameApp(url: string, appUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(appUrl);
    return (
      a.protocol === b.protocol && a.host === b.host && (a.protocol !== 'file:' || a.pathname === b.pathname)
    );
  } catch {
    return false;
  }
}
