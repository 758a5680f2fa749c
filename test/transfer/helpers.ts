import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';

let template: string | null = null;

/** A database holding the default catalogue, created once per test file and closed (no WAL left). */
export async function templateDb(): Promise<string> {
  if (template) return template;
  const file = join(mkdtempSync(join(tmpdir(), 'grille-transfer-template-')), 'grille.sqlite');
  const cat = await openCatalogue(file);
  cat.close();
  template = file;
  return file;
}

/** A fresh copy of the default catalogue in its own folder. */
export async function freshDb(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'grille-transfer-')), 'grille.sqlite');
  copyFileSync(await templateDb(), file);
  return file;
}

export async function withCatalogue<T>(file: string, fn: (cat: Catalogue) => Promise<T> | T): Promise<T> {
  const cat = await openCatalogue(file);
  try {
    return await fn(cat);
  } finally {
    cat.close();
  }
}

/** The database as bytes, with its WAL if one is left: equal before and after means nothing was written. */
export function dbBytes(file: string): Buffer {
  const wal = `${file}-wal`;
  return Buffer.concat([readFileSync(file), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
}

export const TABLE_SOURCE = { file: '003_7b883febf65126a3.txt', section: 'Annexe 1 – Cotisations', lines: '220-228', quote: 'Sécurité 25,14 € 36,06 € 14,33 €' };
