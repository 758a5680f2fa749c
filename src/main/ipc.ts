/** Registers one ipcMain handler per API method; every call has its sender and payload checked. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type GrilleApi, type Result } from '../shared/api';
import { dispatch, isTrustedSender, type Services } from './ipc-handlers';

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'Appel refusé : expéditeur non autorisé.' } };

/** The handler of one channel: a foreign sender is refused before the payload or the services are looked at. */
export function ipcHandler(services: Services, method: keyof GrilleApi) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, ...args: unknown[]): Promise<Result<unknown>> => {
    let trusted = false;
    try {
      trusted = isTrustedSender(event.senderFrame);
    } catch {
      // a frame disposed meanwhile throws on access: refuse
    }
    if (!trusted) return FORBIDDEN;
    return dispatch(services, method, args);
  };
}

export function registerIpc(services: Services): void {
  for (const method of Object.keys(channels) as (keyof GrilleApi)[]) {
    ipcMain.handle(channels[method], ipcHandler(services, method));
  }
}
