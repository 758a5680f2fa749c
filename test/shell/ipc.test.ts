import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../../src/shared/api';
import { dispatch, handlers, isTrustedSender, type Services } from '../../src/main/ipc-handlers';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { nodeJobs } from '../fixtures/jobs';
import type { JobProgress } from '../../src/shared/api';

let cat: Promise<Catalogue> | null = null;
const progress: JobProgress[] = [];
const catalogue = () => (cat ??= openCatalogue(join(mkdtempSync(join(tmpdir(), 'grille-ipc-')), 'c.sqlite')));
const services: Services = {
  catalogue,
  saveAs: async (name) => join(mkdtempSync(join(tmpdir(), 'grille-ipc-out-')), name),
  today: () => '2026-11-22',
  jobs: nodeJobs(catalogue, (p) => progress.push(p)),
};
afterAll(async () => (await cat)?.close());

describe('IPC', () => {
  it('has one validated handler per channel of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(channels).sort());
  });

  it.each([
    [{ url: 'app://grille/index.html', parent: null }, true],
    [{ url: 'app://grille/index.html', parent: {} }, false],
    [{ url: 'https://evil.example/', parent: null }, false],
    [{ url: 'file:///tmp/x.html', parent: null }, false],
    [null, false],
    [undefined, false],
  ])('sender %j trusted: %s', (frame, trusted) => {
    expect(isTrustedSender(frame as never)).toBe(trusted);
  });

  it('answers with the real services', async () => {
    const r = await dispatch(services, 'catalogueShow', ['interiale-cdg-sante']);
    expect(r.ok).toBe(true);
    const list = await dispatch(services, 'catalogueList', []);
    expect(list.ok && (list.value as unknown[]).length).toBe(9);
  });

  it.each([[[]], [[42]], [['../../etc/passwd']], [['a'.repeat(500)]], [['x', 'extra']], [[{ id: 'x' }]]])('refuses the payload %j', async (args) => {
    const r = await dispatch(services, 'catalogueShow', args as unknown[]);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('exports in a worker: the workbook is written where the dialog said, with progress ending done', async () => {
    progress.length = 0;
    const r = await dispatch(services, 'exportTariffs', [{ productIds: ['interiale-cdg-sante'] }]);
    expect(r.ok).toBe(true);
    const path = (r as { value: { path: string } }).value.path;
    expect(path).toMatch(/tarifs-2026-11-22\.xlsx$/);
    // a zip (xlsx) and nothing else beside it: the temporary file was renamed
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(readdirSync(join(path, '..'))).toEqual(['tarifs-2026-11-22.xlsx']);
    expect(progress.at(-1)).toMatchObject({ title: 'Export des tarifs', state: 'done' });
    expect(new Set(progress.map((p) => p.job)).size).toBe(1);
  });

  it('a saved revision runs as a job; the main connection then sees the new version', async () => {
    const r = await dispatch(services, 'revise', [
      { productId: 'interiale-cdg-sante', fromAt: '2026-01-01', components: [{ label: 'PMSS', rate: '1.9' }], mode: 'additive', effective: '2027-01-01', code: 'ipc-2027', save: true },
    ]);
    expect(r).toMatchObject({ ok: true, value: { saved: { version: 'ipc-2027', product: 'interiale-cdg-sante' } } });
    expect((r as { value: { revision: object } }).value.revision).not.toHaveProperty('factor');
    const shown = await dispatch(services, 'catalogueShow', ['interiale-cdg-sante']);
    expect(shown.ok && (shown.value as { versions: { code: string }[] }).versions.map((v) => v.code)).toContain('ipc-2027');
  });

  it('cancelJob: an unknown job answers cancelled: false; a malformed id is refused', async () => {
    expect(await dispatch(services, 'cancelJob', ['5d0c0f0e-1b2a-4c3d-8e9f-0a1b2c3d4e5f'])).toEqual({ ok: true, value: { cancelled: false } });
    for (const bad of [[], [''], ['x y'], ['a'.repeat(101)], [7]]) expect(await dispatch(services, 'cancelJob', bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('turns a service error into a message, not an exception', async () => {
    const r = await dispatch(services, 'catalogueShow', ['inconnu']);
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
