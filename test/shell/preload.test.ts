import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channels, menuChannel, progressChannel, type GrilleBridge } from '../../src/shared/api';
import { electron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

let api: GrilleBridge;
beforeAll(async () => {
  await import('../../src/preload/index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0]!;
  expect(name).toBe('grille');
  api = exposed as GrilleBridge;
});

describe('preload bridge', () => {
  it('exposes one object: the contract’s methods and the menu and progress subscriptions, nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([...Object.keys(channels), 'onMenu', 'onProgress'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it.each(Object.keys(channels) as (keyof typeof channels)[])('%s invokes its own channel with the arguments as given', async (method) => {
    electron.ipcRenderer.invoke.mockClear();
    const request = { productIds: ['interiale-cdg-sante'] };
    await (api[method] as (...a: unknown[]) => Promise<unknown>)(request);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channels[method], request);
  });

  it('onMenu hands the page the command only, drops unknown ones, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api.onMenu(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1)! as [string, (...a: unknown[]) => void];
    expect(channel).toBe(menuChannel);
    const event = { sender: { invoke: () => 'ipcRenderer must not leak' } };
    forward(event, 'export');
    forward(event, 'view:tarifs');
    forward(event, 'rm -rf /');
    forward(event, { command: 'export' });
    forward(event);
    expect(listener.mock.calls).toEqual([['export'], ['view:tarifs']]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(menuChannel, forward);
  });

  it('onProgress hands the page well-formed progress only, without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    electron.ipcRenderer.removeListener.mockClear();
    const unsubscribe = api.onProgress(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1)! as [string, (...a: unknown[]) => void];
    expect(channel).toBe(progressChannel);
    const event = { sender: { invoke: () => 'ipcRenderer must not leak' } };
    const good = { job: 'j1', title: 'Export de la comparaison', phase: 'Écriture des lignes', done: 10, total: 100, state: 'running' };
    forward(event, good);
    forward(event, { ...good, total: null });
    forward(event, { ...good, state: 'exploded' });
    forward(event, { ...good, done: -1 });
    forward(event, { ...good, done: Number.NaN });
    forward(event, { ...good, job: 'x'.repeat(101) });
    forward(event, 'running');
    forward(event, null);
    expect(listener.mock.calls).toEqual([[good], [{ ...good, total: null }]]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(progressChannel, forward);
  });
});
