/**
 * The Electron entry: the window, the menu, the app:// protocol and the IPC registration. Every
 * use case lives in services/, which plain Node (the CLI, the tests) imports too.
 */
import { app, BrowserWindow, dialog, Menu, protocol } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { menuChannel, progressChannel, type JobProgress, type MenuCommand } from '../shared/api';
import { appProtocolHandler } from './app-protocol';
import { registerIpc } from './ipc';
import { JobRunner } from './jobs/runner';
import { buildMenu } from './menu';
import { APP_SCHEME } from './security/policy';
import { openCatalogue, type Catalogue } from './services/catalogue';
import { DB_FILE_NAME } from './services/paths';
import { localDate } from './services/today';
import { GrilleError } from '../shared/errors';
import { createMainWindow, hardenContents, hardenSession } from './window';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Packaged, data/ is an extra resource beside app.asar (electron-builder.yml): name it rather than
// rely on data-dir.ts walking up from inside the asar. An explicit GRILLE_DATA_DIR still wins.
if (app.isPackaged) process.env.GRILLE_DATA_DIR ??= join(process.resourcesPath, 'data');

/** The Electron-ABI build of better-sqlite3, kept apart from the Node build the tests and CLI use. */
export function electronNativeBinding(): string | undefined {
  const candidates = app.isPackaged
    ? [join(process.resourcesPath, 'native', 'better_sqlite3.node')]
    : [join(__dirname, '..', '..', '.native', 'electron', 'better_sqlite3.node')];
  return candidates.find((p) => existsSync(p));
}

let catalogue: Promise<Catalogue> | null = null;
function openUserCatalogue(): Promise<Catalogue> {
  const nativeBinding = electronNativeBinding();
  catalogue ??= openCatalogue(process.env.GRILLE_DB ?? join(app.getPath('userData'), DB_FILE_NAME), nativeBinding ? { nativeBinding } : {}).catch((e: unknown) => {
    if (!nativeBinding && /NODE_MODULE_VERSION|did not self-register|invalid ELF|not a valid Win32/i.test(String((e as Error)?.message))) {
      throw new GrilleError(
        'NOT_AVAILABLE',
        app.isPackaged
          ? 'Le module SQLite pour Electron manque dans cette installation (resources/native/better_sqlite3.node) : réinstallez Grille.'
          : 'Le module SQLite compilé pour Electron est introuvable (.native/electron/better_sqlite3.node) : lancez « npm run native:electron » puis relancez.',
      );
    }
    throw e;
  });
  return catalogue;
}

let mainWindow: BrowserWindow | null = null;
let jobs: JobRunner | null = null;
function sendMenuCommand(command: MenuCommand): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(menuChannel, command);
}

/** A job's progress goes to the app's own window only (never to another web contents). */
function sendProgress(progress: JobProgress): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(progressChannel, progress);
}

function openWindow(): void {
  mainWindow = createMainWindow({ devTools: !app.isPackaged });
  mainWindow.on('closed', () => (mainWindow = null));
}

// Two instances would write the same SQLite file: the second one hands over to the first and quits.
if (app.requestSingleInstanceLock()) start();
else app.quit();

function start(): void {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Every web contents (the window's, and any other Electron creates) gets the navigation guards.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, appProtocolHandler(join(__dirname, '..', 'renderer')));
    hardenSession();
    app.setAboutPanelOptions({ applicationName: 'Grille', applicationVersion: app.getVersion(), copyright: 'Comparer et tarifer des contrats d’assurance hors ligne' });
    Menu.setApplicationMenu(buildMenu({ platform: process.platform, developer: !app.isPackaged, send: sendMenuCommand }));
    jobs = new JobRunner({ catalogue: openUserCatalogue, workerScript: join(__dirname, 'job-worker.js'), openOptions: { nativeBinding: electronNativeBinding() }, progress: sendProgress });
    registerIpc({
      catalogue: openUserCatalogue,
      today: () => localDate(new Date()),
      // long work in worker threads: job-worker.js is the main build's second entry (electron.vite.config.ts)
      jobs,
      saveAs: async (defaultName, type = 'xlsx') => {
        const win = BrowserWindow.getFocusedWindow() ?? mainWindow;
        const filter = type === 'json' ? { name: 'Paquet de catalogue (JSON)', extensions: ['json'] } : { name: 'Classeur Excel', extensions: ['xlsx'] };
        const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: [filter] };
        const answer = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return answer.canceled || !answer.filePath ? null : answer.filePath;
      },
      openFile: async (filters) => {
        const win = BrowserWindow.getFocusedWindow() ?? mainWindow;
        const options = { defaultPath: app.getPath('documents'), filters, properties: ['openFile' as const] };
        const answer = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return answer.canceled || !answer.filePaths[0] ? null : answer.filePaths[0];
      },
    });
    openWindow();
    app.on('activate', () => {
      if (!mainWindow) openWindow();
    });
  });

  // Quitting while a job runs: the jobs are cancelled first (a write rolls back, a temporary file is
  // removed), then the app quits for good.
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping || !jobs || jobs.active.length === 0) return;
    event.preventDefault();
    stopping = true;
    void jobs.cancelAll().finally(() => app.quit());
  });

  app.on('window-all-closed', () => {
    void catalogue?.then((c) => c.close()).catch(() => undefined);
    app.quit();
  });
}
