import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { guardWebContents, hardenSession, isExternalLink, windowOptions } from './window-security';

type Handler = (...args: unknown[]) => unknown;

function fakeContents() {
  const handlers = new Map<string, Handler>();
  let openHandler: Handler | undefined;
  return {
    on: (name: string, h: Handler) => handlers.set(name, h),
    setWindowOpenHandler: (h: Handler) => (openHandler = h),
    fire: (name: string, ...args: unknown[]) => handlers.get(name)!(...args),
    open: (url: string) => openHandler!({ url }),
  };
}

describe('window options', () => {
  it('keeps the page sandboxed and isolated, with no Node', () => {
    const prefs = windowOptions('/app/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(prefs.preload).toMatch(/\.cjs$/);
  });
});

describe('navigation and window.open guards', () => {
  const appUrl = 'file:///opt/app/out/renderer/index.html';

  it('refuses navigation away from the app and hands http(s) links to the system browser', () => {
    const contents = fakeContents();
    const opened: string[] = [];
    guardWebContents(contents as never, { appUrl, openExternal: (u) => opened.push(u) });
    const event = { preventDefault: vi.fn() };
    contents.fire('will-navigate', event, 'https://example.com/docs');
    expect(event.preventDefault).toHaveBeenCalled();
    const fileEvent = { preventDefault: vi.fn() };
    contents.fire('will-navigate', fileEvent, 'file:///etc/passwd');
    expect(fileEvent.preventDefault).toHaveBeenCalled();
    expect(opened).toEqual(['https://example.com/docs']);
  });

  it('lets the app reload itself', () => {
    const contents = fakeContents();
    guardWebContents(contents as never, { appUrl, openExternal: () => {} });
    const event = { preventDefault: vi.fn() };
    contents.fire('will-navigate', event, appUrl);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every window.open, opening only http(s) outside', () => {
    const contents = fakeContents();
    const opened: string[] = [];
    guardWebContents(contents as never, { appUrl, openExternal: (u) => opened.push(u) });
    expect(contents.open('http://192.168.0.50/')).toEqual({ action: 'deny' });
    expect(contents.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['http://192.168.0.50/']);
    const attach = { preventDefault: vi.fn() };
    contents.fire('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('treats only http and https as external links', () => {
    expect(isExternalLink('https://x.org')).toBe(true);
    expect(isExternalLink('smb://share')).toBe(false);
    expect(isExternalLink('not a url')).toBe(false);
  });
});

describe('session hardening', () => {
  it('adds the CSP header and denies all permissions', () => {
    let headersHook: Handler | undefined;
    let permissionHook: Handler | undefined;
    let checkHook: Handler | undefined;
    const session = {
      webRequest: { onHeadersReceived: (h: Handler) => (headersHook = h) },
      setPermissionRequestHandler: (h: Handler) => (permissionHook = h),
      setPermissionCheckHandler: (h: Handler) => (checkHook = h),
    };
    hardenSession(session as never);
    let headers: Record<string, string[]> = {};
    headersHook!(
      { responseHeaders: { 'X-A': ['1'] } },
      (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy']![0]).toMatch(/script-src 'self'/);
    expect(headers['X-A']).toEqual(['1']);
    const answers: boolean[] = [];
    permissionHook!({}, 'media', (allowed: boolean) => answers.push(allowed));
    permissionHook!({}, 'geolocation', (allowed: boolean) => answers.push(allowed));
    expect(answers).toEqual([false, false]);
    expect(checkHook!()).toBe(false);
  });
});
