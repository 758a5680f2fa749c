/**
 * A stand-in for the 'electron' module (requiring the real one from plain Node tries to download the
 * binary). Each test file mocks 'electron' with this object and reads back what the shell did with it:
 *   vi.mock('electron', async () => (await import('./fake-electron')).electron);
 */
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents {
  listeners = new Map<string, Listener[]>();
  windowOpenHandler: Listener | null = null;
  send = vi.fn();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}

export class FakeBrowserWindow {
  static instances: FakeBrowserWindow[] = [];
  static getFocusedWindow = vi.fn((): FakeBrowserWindow | null => null);
  webContents = new FakeWebContents();
  loadURL = vi.fn(async (_url: string) => undefined);
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = () => false;
  isDestroyed = () => false;
  private handlers = new Map<string, Listener[]>();
  constructor(readonly options: Record<string, unknown>) {
    FakeBrowserWindow.instances.push(this);
  }
  on(event: string, listener: Listener): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
}

function makeElectron() {
  return {
    BrowserWindow: FakeBrowserWindow as typeof FakeBrowserWindow,
    app: {
      isPackaged: false,
      on: vi.fn(),
      whenReady: vi.fn(() => Promise.resolve()),
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      getPath: vi.fn((name: string) => `/home/courtier/${name}`),
      getVersion: vi.fn(() => '0.1.0'),
      setAboutPanelOptions: vi.fn(),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    ipcMain: { handle: vi.fn(), on: vi.fn(), handleOnce: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })), setApplicationMenu: vi.fn() },
    dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: undefined })) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn() },
  };
}

// One instance per test process, even when a test resets the module registry and the mock's
// factory imports this file again.
const shared = globalThis as { __grilleFakeElectron?: ReturnType<typeof makeElectron> };
export const electron = (shared.__grilleFakeElectron ??= makeElectron());

/** Back to a fresh state between tests (same objects, so the mocked module keeps pointing at them). */
export function resetElectron(): void {
  const fresh = makeElectron();
  for (const key of Object.keys(fresh) as (keyof typeof fresh)[]) {
    if (key === 'BrowserWindow') continue;
    Object.assign(electron[key], fresh[key]);
  }
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.getFocusedWindow = vi.fn(() => null);
}
