import { isAbsolute } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security/policy';
import { electron, FakeBrowserWindow, FakeWebContents, resetElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { createMainWindow, denyWindowOpen, guardNavigation, hardenContents, hardenSession, openExternalIfAllowed, withCsp } = await import('../../src/main/window');

beforeEach(() => resetElectron());

function openWindow(options?: { devTools?: boolean }) {
  createMainWindow(options);
  const win = FakeBrowserWindow.instances.at(-1)!;
  return { win, prefs: win.options.webPreferences as Record<string, unknown> };
}

function navigationEvent(url: unknown) {
  return { url: url as string, preventDefault: vi.fn() };
}

describe('the main window', () => {
  it('isolates the page from Node and Electron', () => {
    const { prefs } = openWindow();
    expect(prefs).toMatchObject({
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
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
  });

  it('loads the sandboxed CommonJS preload by absolute path, and the app from app://grille/', () => {
    const { win, prefs } = openWindow();
    expect(isAbsolute(prefs.preload as string)).toBe(true);
    expect(prefs.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith('app://grille/index.html');
    expect(win.options.show).toBe(false);
  });

  it('has developer tools only when asked (outside the packaged app)', () => {
    expect(openWindow({ devTools: true }).prefs.devTools).toBe(true);
  });

  it('guards its contents: navigation, redirects, frames, webviews and new windows', () => {
    const { win } = openWindow();
    const events = [...win.webContents.listeners.keys()].sort();
    expect(events).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(win.webContents.windowOpenHandler).toBe(denyWindowOpen);
  });

  it('attaches the guards once, however often it is asked', () => {
    const contents = new FakeWebContents();
    hardenContents(contents as never);
    hardenContents(contents as never);
    expect(contents.listeners.get('will-navigate')).toHaveLength(1);
  });
});

describe('navigation guard', () => {
  const foreign = [
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'file://server/share/x.html',
    'app://other/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
  ];

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: stays inside app://grille/', (name) => {
    const { win } = openWindow();
    for (const url of ['app://grille/index.html', 'app://grille/', 'app://grille/index.html#/comparaison']) {
      const event = navigationEvent(url);
      win.webContents.emit(name, event, url);
      expect(event.preventDefault, url).not.toHaveBeenCalled();
    }
    for (const url of foreign) {
      const event = navigationEvent(url);
      win.webContents.emit(name, event, url);
      expect(event.preventDefault, url).toHaveBeenCalledOnce();
    }
  });

  it('reads the URL from the event, or from the legacy argument', () => {
    const legacy = { preventDefault: vi.fn() };
    guardNavigation(legacy, 'https://evil.example/');
    expect(legacy.preventDefault).toHaveBeenCalled();
    const missing = { preventDefault: vi.fn() };
    guardNavigation(missing);
    expect(missing.preventDefault).toHaveBeenCalled();
  });

  it('refuses every webview', () => {
    const { win } = openWindow();
    const event = navigationEvent('app://grille/index.html');
    win.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('new windows and external links', () => {
  it.each([
    ['https://www.ima.eu/', true],
    ['http://mie.ima-sante.com/garanties', true],
    ['file:///etc/passwd', false],
    ['file://server/share/setup.exe', false],
    ['javascript:alert(1)', false],
    ['\\\\server\\share\\setup.exe', false],
    ['//server/share', false],
    ['smb://server/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['data:text/html,<script>1</script>', false],
    ['https://user:pass@example.org/', false],
    ['app://grille/index.html', false],
    ['about:blank', false],
    ['', false],
  ])('window.open(%j) is denied; opened in the browser: %s', (url, opened) => {
    expect(denyWindowOpen({ url })).toEqual({ action: 'deny' });
    if (opened) expect(electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith(url);
    else expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it.each([[undefined], [null], [42], [{ href: 'https://x.org' }], [['https://x.org']], [new URL('https://x.org')]])('openExternal refuses the non-string %j', (value) => {
    expect(openExternalIfAllowed(value)).toBe(false);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('the window’s handler is the one that denies', () => {
    const { win } = openWindow();
    expect(win.webContents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('a failing openExternal does not throw into the handler', async () => {
    electron.shell.openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(denyWindowOpen({ url: 'https://www.ima.eu/' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0));
  });
});

describe('session', () => {
  it('puts our CSP on every response, replacing any other', () => {
    hardenSession();
    const onHeaders = electron.session.defaultSession.webRequest.onHeadersReceived;
    expect(onHeaders).toHaveBeenCalledOnce();
    const listener = onHeaders.mock.calls[0]![0] as (details: unknown, cb: (r: unknown) => void) => void;
    for (const responseHeaders of [
      { 'content-type': ['text/html'], 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"] },
      { 'Content-Security-Policy': ['script-src *'], 'CONTENT-SECURITY-POLICY': 'script-src *' },
      {},
      undefined,
    ]) {
      const callback = vi.fn();
      listener({ url: 'app://grille/index.html', responseHeaders }, callback);
      const headers = (callback.mock.calls[0]![0] as { responseHeaders: Record<string, unknown> }).responseHeaders;
      const csp = Object.entries(headers).filter(([name]) => name.toLowerCase() === 'content-security-policy');
      expect(csp).toEqual([['Content-Security-Policy', [CONTENT_SECURITY_POLICY]]]);
      if (responseHeaders && 'content-type' in responseHeaders) expect(headers['content-type']).toEqual(['text/html']);
    }
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('denies every permission request and check', () => {
    hardenSession();
    const s = electron.session.defaultSession;
    const request = s.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (granted: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'fileSystem']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
    const check = s.setPermissionCheckHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(check({}, 'media', 'app://grille', {})).toBe(false);
    const device = s.setDevicePermissionHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://grille' })).toBe(false);
  });
});
