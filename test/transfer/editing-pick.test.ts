/**
 * Picking a file to import from the desktop (the edit handlers): what the open dialog answers that is not
 * a readable file is refused with the code a person can act on, in French, and no token.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/shared/api';
import { dispatch, type Services } from '../../src/main/ipc-handlers';

const noJobs = { run: () => Promise.reject(new Error('aucune tâche dans ces tests')), cancel: async () => false } as unknown as Services['jobs'];

function services(path: string): Services {
  const catalogue = () => Promise.reject(new Error('aucun catalogue dans ces tests'));
  return { catalogue, saveAs: async () => null, openFile: async () => path, today: () => '2026-11-22', jobs: noJobs };
}

const pick = (path: string) => dispatch(services(path), 'pickImportFile', []) as Promise<Result<unknown>>;

describe('pickImportFile refuses what is not a file', () => {
  it('a folder (even one named like a catalogue file) is INVALID_INPUT', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'grille-pick-')), 'catalogue.json');
    mkdirSync(folder);
    expect(await pick(folder)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'catalogue.json : fichier illisible (pas un fichier) ; choisissez un fichier JSON, XLSX ou CSV.' } });
  });

  it('a file gone since it was chosen is NOT_FOUND', async () => {
    const gone = join(mkdtempSync(join(tmpdir(), 'grille-pick-')), 'absent.csv');
    expect(await pick(gone)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'absent.csv : fichier illisible (ENOENT).' } });
  });
});
