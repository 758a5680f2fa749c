import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels, menuChannel } from '../../src/shared/api';
import { electron, FakeBrowserWindow, FakeWebContents, resetElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

// index.ts runs at import: each test sets the fake app up, then imports a fresh copy.
const saved = { dataDir: process.env.GRILLE_DATA_DIR, resourcesPath: (process as { resourcesPath?: string }).resourcesPath };
beforeEach(() => {
  resetElectron();
  vi.resetModules();
  delete process.env.GRILLE_DATA_DIR;
  (process as { resourcesPath?: string }).resourcesPath = join('/opt', 'Grille', 'resources');
});
afterEach(() => {
  if (saved.dataDir === undefined) delete process.env.GRILLE_DATA_DIR;
  else process.env.GRILLE_DATA_DIR = saved.dataDir;
  (process as { resourcesPath?: string }).resourcesPath = saved.resourcesPath;
});

async function boot() {
  await import('../../src/main/index');
  await electron.app.whenReady.mock.results[0]?.value;
  await new Promise((r) => setTimeout(r, 0));
}

const appListener = (name: string) => electron.app.on.mock.calls.find(([event]) => event === name)?.[1] as ((...a: unknown[]) => void) | undefined;

describe('the Electron entry', () => {
  it('registers app:// as a standard, secure scheme before the app is ready', async () => {
    await boot();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('once ready: protocol, session guards, French menu, IPC, then one hardened window', async () => {
    await boot();
    expect(electron.protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(Object.keys(channels).length);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(FakeBrowserWindow.instances[0]!.loadURL).toHaveBeenCalledWith('app://grille/index.html');
  });

  it('guards every web contents Electron creates, not only the window’s', async () => {
    await boot();
    const contents = new FakeWebContents();
    appListener('web-contents-created')!({}, contents);
    expect([...contents.listeners.keys()]).toContain('will-navigate');
    expect(contents.windowOpenHandler).not.toBeNull();
  });

  it('quitting while a job runs cancels the jobs first, then quits; with no job it quits at once', async () => {
    await boot();
    const { JobRunner } = await import('../../src/main/jobs/runner');
    const idle = { preventDefault: vi.fn() };
    appListener('before-quit')!(idle);
    expect(idle.preventDefault).not.toHaveBeenCalled();

    const active = vi.spyOn(JobRunner.prototype, 'active', 'get').mockReturnValue(['export-en-cours']);
    let stopped!: () => void;
    const cancelAll = vi.spyOn(JobRunner.prototype, 'cancelAll').mockReturnValue(new Promise<void>((r) => (stopped = r)));
    const busy = { preventDefault: vi.fn() };
    electron.app.quit.mockClear();
    appListener('before-quit')!(busy);
    expect(busy.preventDefault).toHaveBeenCalledOnce();
    expect(cancelAll).toHaveBeenCalledOnce();
    expect(electron.app.quit).not.toHaveBeenCalled();
    stopped();
    await new Promise((r) => setTimeout(r, 0));
    expect(electron.app.quit).toHaveBeenCalledOnce();
    // the quit that follows goes through
    const again = { preventDefault: vi.fn() };
    appListener('before-quit')!(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    active.mockRestore();
    cancelAll.mockRestore();
  });

  it('sends menu commands to the app window only', async () => {
    await boot();
    const template = electron.Menu.buildFromTemplate.mock.calls[0]![0] as { label: string; submenu: { label: string; click?: () => void }[] }[];
    template.find((m) => m.label === 'Fichier')!.submenu.find((i) => i.label === 'Exporter…')!.click!();
    expect(FakeBrowserWindow.instances[0]!.webContents.send).toHaveBeenCalledExactlyOnceWith(menuChannel, 'export');
  });

  it('packaged: reads data/ from the resources folder, no developer tools', async () => {
    electron.app.isPackaged = true;
    await boot();
    expect(process.env.GRILLE_DATA_DIR).toBe(join('/opt', 'Grille', 'resources', 'data'));
    expect((FakeBrowserWindow.instances[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
  });

  it('packaged: an explicit GRILLE_DATA_DIR still wins', async () => {
    electron.app.isPackaged = true;
    process.env.GRILLE_DATA_DIR = '/srv/catalogue-cdg';
    await boot();
    expect(process.env.GRILLE_DATA_DIR).toBe('/srv/catalogue-cdg');
  });

  it('from the sources: leaves the data folder to data-dir.ts, developer tools on', async () => {
    await boot();
    expect(process.env.GRILLE_DATA_DIR).toBeUndefined();
    expect((FakeBrowserWindow.instances[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });

  it('a second instance hands over to the first and quits', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false);
    await boot();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
