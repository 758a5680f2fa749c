/**
 * The preload bridge (sandboxed): exposes exactly one object, `window.grille`, whose type is
 * checked against the shared contract. No ipcRenderer, no Node API reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, isJobProgress, isMenuCommand, menuChannel, progressChannel, type GrilleApi, type GrilleBridge, type JobProgress, type MenuCommand } from '../shared/api';

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

/** Progress of long work (exports, imports): checked in shape, and again without the IPC event. */
function onProgress(listener: (progress: JobProgress) => void): () => void {
  const forward = (_event: IpcRendererEvent, progress: unknown) => {
    if (isJobProgress(progress)) listener(progress);
  };
  ipcRenderer.on(progressChannel, forward);
  return () => {
    ipcRenderer.removeListener(progressChannel, forward);
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
  cancelJob: call('cancelJob'),
  editCatalogue: call('editCatalogue'),
  undoEdit: call('undoEdit'),
  history: call('history'),
  pickImportFile: call('pickImportFile'),
  importCatalogue: call('importCatalogue'),
  exportCatalogue: call('exportCatalogue'),
  onMenu,
  onProgress,
} satisfies GrilleBridge;

contextBridge.exposeInMainWorld('grille', api);
