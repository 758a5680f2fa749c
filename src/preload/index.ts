/**
 * The preload bridge (sandboxed): exposes exactly one object, `window.grille`, whose type is
 * checked against the shared contract. No ipcRenderer, no Node API reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channels, type GrilleApi } from '../shared/api';

const call =
  <K extends keyof GrilleApi>(method: K) =>
  (...args: Parameters<GrilleApi[K]>) =>
    ipcRenderer.invoke(channels[method], ...args) as ReturnType<GrilleApi[K]>;

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
} satisfies GrilleApi;

contextBridge.exposeInMainWorld('grille', api);
