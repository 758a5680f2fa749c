/**
 * The Electron entry: the window, the menu, the app:// protocol and the IPC registration. Every
 * use case lives in services/, which plain Node (the CLI, the tests) imports too.
 */
import { app, BrowserWindow, dialog, Menu, net, protocol } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { APP_SCHEME, resolveAppPath } from './security/policy';
import { openCatalogue, type Catalogue } from './services/catalogue';
import { DB_FILE_NAME } from './services/paths';
import { localDate } from './services/today';
import { createMainWindow, hardenSession } from './window';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** The Electron-ABI build of better-sqlite3, kept apart from the Node build the tests use. */
function electronNativeBinding(): string | undefined {
  const candidates = [
    join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    join(__dirname, '..', '..', '.native', 'electron', 'better_sqlite3.node'),
  ];
  return candidates.find((p) => existsSync(p));
}

let catalogue: Promise<Catalogue> | null = null;
function openUserCatalogue(): Promise<Catalogue> {
  const nativeBinding = electronNativeBinding();
  catalogue ??= openCatalogue(process.env.GRILLE_DB ?? join(app.getPath('userData'), DB_FILE_NAME), nativeBinding ? { nativeBinding } : {});
  return catalogue;
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

void app.whenReady().then(() => {
  const root = join(__dirname, '..', 'renderer');
  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppPath(root, request.url);
    if (!file || !existsSync(file)) return new Response('Introuvable', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
  hardenSession();
  Menu.setApplicationMenu(buildMenu());
  registerIpc({
    catalogue: openUserCatalogue,
    today: () => localDate(new Date()),
    saveAs: async (defaultName) => {
      const win = BrowserWindow.getFocusedWindow();
      const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: [{ name: 'Classeur Excel', extensions: ['xlsx'] }] };
      const answer = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
  });
  createMainWindow();
});

app.on('window-all-closed', () => {
  void catalogue?.then((c) => c.close());
  app.quit();
});
