/**
 * The preload bridge (sandboxed): exposes exactly one object, `window.grille`, whose type is
 * checked against the shared contract. No ipcRenderer, no Node API reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channels, type GrilleApi } from '../shared/api';

const api = {
  catalogueList: () => ipcRenderer.invoke(channels.catalogueList),
  catalogueShow: (productId: string) => ipcRenderer.invoke(channels.catalogueShow, productId),
} satisfies GrilleApi;

contextBridge.exposeInMainWorld('grille', api);
