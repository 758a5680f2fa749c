/**
 * The preload bridge (sandboxed): exposes exactly one object, `window.grille`, whose type is
 * checked against the shared contract. No ipcRenderer, no Node API reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, isMenuCommand, menuChannel, type GrilleApi, type GrilleBridge, type MenuCommand } from '../shared/api';

const call =
  <K extends keyof GrilleApi>(method: K) =>
  (...args: Parameters<GrilleApi[K]>) =>
    ipcRenderer.invoke(channels[method], ...args) as ReturnType<GrilleApi[K]>;

/** The page gets the command only: never the IPC event, whose `sender` would hand it ipcRenderer. */
function onMenu(listener: (command: MenuCommand) => void): () => void {
  const forward = (_event: IpcRendererEvent, command: unknown) => {
    if (isMenuCommand(command)) listener(command);
  };
  ipcRenderer.on(menuChannel, forward);
  return () => {
    ipcRenderer.removeListener(menuChannel, forward);
  };
}

const api = {
  catalogueList: call('catalogueList'),
  catalogueShow: call('catalogueShow'),
  taxonomy: call('taxonomy'),
  compare: call('compare'),
  quote: call('quote'),
  revise: call('revise'),
  impact: call('impact'),
  exportComparison: call('exportComparison'),
  exportTariffs: call('exportTariffs'),
  exportQuote: call('exportQuote'),
  exportDeliberation: call('exportDeliberation'),
  reimburseList: call('reimburseList'),
  reimburse: call('reimburse'),
  onMenu,
} satisfies GrilleBridge;

contextBridge.exposeInMainWorld('grille', api);
