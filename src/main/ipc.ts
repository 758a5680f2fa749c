/** Registers one ipcMain handler per API method; every call has its sender and payload checked. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type GrilleApi } from '../shared/api';
import { dispatch, isTrustedSender, type Services } from './ipc-handlers';

export function registerIpc(services: Services): void {
  for (const method of Object.keys(channels) as (keyof GrilleApi)[]) {
    ipcMain.handle(channels[method], async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Appel refusé : expéditeur non autorisé.' } };
      }
      return dispatch(services, method, args);
    });
  }
}
