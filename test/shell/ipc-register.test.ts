import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels, type GrilleApi } from '../../src/shared/api';
import type { Services } from '../../src/main/ipc-handlers';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { electron, resetElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { registerIpc } = await import('../../src/main/ipc');

let real: Promise<Catalogue> | null = null;
afterAll(async () => (await real)?.close());

function spyServices() {
  return {
    catalogue: vi.fn(() => (real ??= openCatalogue(join(mkdtempSync(join(tmpdir(), 'grille-ipc-reg-')), 'c.sqlite')))),
    saveAs: vi.fn(async (_name: string): Promise<string | null> => null),
    today: vi.fn(() => '2026-11-22'),
    jobs: { run: vi.fn(async (_spec: unknown): Promise<never> => Promise.reject(new Error('aucun travail attendu'))), cancel: vi.fn(async (_job: string) => false) },
  } satisfies Services;
}

type Handler = (event: unknown, ...args: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
let services: ReturnType<typeof spyServices>;
let registered: Map<string, Handler>;

beforeEach(() => {
  resetElectron();
  services = spyServices();
  registerIpc(services);
  registered = new Map(electron.ipcMain.handle.mock.calls.map(([channel, handler]) => [channel as string, handler as Handler]));
});

const app = { url: 'app://grille/index.html', parent: null };
const call = (method: keyof GrilleApi, frame: unknown, ...args: unknown[]) => registered.get(channels[method])!({ senderFrame: frame, sender: {} }, ...args);
const untouched = () => {
  expect(services.catalogue).not.toHaveBeenCalled();
  expect(services.saveAs).not.toHaveBeenCalled();
  expect(services.today).not.toHaveBeenCalled();
  expect(services.jobs.run).not.toHaveBeenCalled();
  expect(services.jobs.cancel).not.toHaveBeenCalled();
};

describe('registerIpc', () => {
  it('registers exactly one invoke handler per channel of the contract, and nothing else', () => {
    const names = electron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(names).toHaveLength(Object.keys(channels).length);
    expect(new Set(names)).toEqual(new Set(Object.values(channels)));
    expect(electron.ipcMain.on).not.toHaveBeenCalled();
    expect(electron.ipcMain.handleOnce).not.toHaveBeenCalled();
  });

  const throwing = {
    get url(): string {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    },
    parent: null,
  };
  it.each([
    ['a foreign page', { url: 'https://evil.example/', parent: null }],
    ['a local file', { url: 'file:///home/courtier/Téléchargements/x.html', parent: null }],
    ['another app:// host', { url: 'app://other/index.html', parent: null }],
    ['a subframe of our page', { url: 'app://grille/index.html', parent: { url: 'app://grille/index.html' } }],
    ['a frame that is gone', null],
    ['a frame disposed meanwhile', throwing],
  ])('refuses %s on every channel without touching the services', async (_name, frame) => {
    for (const method of Object.keys(channels) as (keyof GrilleApi)[]) {
      const r = await call(method, frame, 'interiale-cdg-sante');
      expect(r, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    untouched();
  });

  it.each([
    ['catalogueShow', []],
    ['catalogueShow', [42]],
    ['catalogueShow', ['../../etc/passwd']],
    ['catalogueList', ['extra']],
    ['compare', [{ columns: [] }]],
    ['compare', [{ columns: [{ productId: 'x', formula: 'A' }], injected: true }]],
    ['quote', [{ offers: [{ productId: 'interiale-cdg-sante', formula: 'securite' }], at: '01/01/2026', members: [{ role: 'principal', birth: '1980' }] }]],
    ['revise', [{ productId: 'x', fromAt: '2026-01-01', components: [{ label: 'a', rate: '1.9; DROP' }], mode: 'additive', effective: '2026-01-01', save: true }]],
    ['exportTariffs', [{ productIds: ['x'], path: '/etc/passwd' }]],
    ['cancelJob', []],
    ['cancelJob', [42]],
    ['cancelJob', ['']],
    ['cancelJob', ['../../etc/passwd']],
    ['cancelJob', ['a'.repeat(101)]],
    ['cancelJob', [{ job: 'x' }]],
    ['cancelJob', ['5d0c0f0e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', 'extra']],
    ['impact', [{ productId: 'x', headcountsText: 'x'.repeat(1024 * 1024 + 1), headcountsFormat: 'csv', headcountsName: 'e.csv', fromAt: '2026-01-01' }]],
  ] as [keyof GrilleApi, unknown[]][])('refuses the payload of %s %j with INVALID_INPUT, services untouched', async (method, args) => {
    const r = await call(method, app, ...args);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(r.error!.message).toContain(channels[method]);
    untouched();
  });

  it('answers our own main frame with the services', async () => {
    const r = await call('catalogueShow', app, 'interiale-cdg-sante');
    expect(r.ok).toBe(true);
    expect(services.catalogue).toHaveBeenCalled();
  });

  it('an export asks where to save first: a cancelled dialog starts no job and writes nothing', async () => {
    const r = await call('exportTariffs', app, { productIds: ['interiale-cdg-sante'] });
    expect(r).toEqual({ ok: true, value: { path: null } });
    expect(services.saveAs).toHaveBeenCalledExactlyOnceWith('tarifs-2026-11-22.xlsx');
    expect(services.jobs.run).not.toHaveBeenCalled();
    expect(services.catalogue).not.toHaveBeenCalled();
  });

  it('an export given a path runs as a job writing there: the dialog comes before the work', async () => {
    const order: string[] = [];
    services.saveAs.mockImplementation(async (name: string) => {
      order.push('saveAs');
      return `/home/courtier/Documents/${name}`;
    });
    services.jobs.run.mockImplementation(async (spec: unknown) => {
      order.push('job');
      return { path: (spec as { payload: { path: string } }).payload.path } as never;
    });
    const r = await call('exportTariffs', app, { productIds: ['interiale-cdg-sante'] });
    expect(r).toEqual({ ok: true, value: { path: '/home/courtier/Documents/tarifs-2026-11-22.xlsx' } });
    expect(order).toEqual(['saveAs', 'job']);
    expect(services.jobs.run).toHaveBeenCalledExactlyOnceWith({
      title: 'Export des tarifs',
      task: 'exportTariffs',
      payload: { request: { productIds: ['interiale-cdg-sante'] }, date: '2026-11-22', path: '/home/courtier/Documents/tarifs-2026-11-22.xlsx' },
    });
  });

  it('cancelJob passes a well-formed id to the runner and answers what it says', async () => {
    services.jobs.cancel.mockResolvedValueOnce(true);
    const id = '5d0c0f0e-1b2a-4c3d-8e9f-0a1b2c3d4e5f';
    expect(await call('cancelJob', app, id)).toEqual({ ok: true, value: { cancelled: true } });
    expect(await call('cancelJob', app, id)).toEqual({ ok: true, value: { cancelled: false } });
    expect(services.jobs.cancel.mock.calls).toEqual([[id], [id]]);
  });
});
