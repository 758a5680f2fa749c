import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../../src/shared/api';
import { dispatch, handlers, isTrustedSender, type Services } from '../../src/main/ipc-handlers';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';

let cat: Promise<Catalogue> | null = null;
const services: Services = {
  catalogue: () => (cat ??= openCatalogue(join(mkdtempSync(join(tmpdir(), 'grille-ipc-')), 'c.sqlite'))),
  saveAs: async (name) => join(mkdtempSync(join(tmpdir(), 'grille-ipc-out-')), name),
  today: () => '2026-11-22',
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

  it('turns a service error into a message, not an exception', async () => {
    const r = await dispatch(services, 'catalogueShow', ['inconnu']);
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
