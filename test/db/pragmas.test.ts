/**
 * openDatabase trusts no pragma it sets: SQLite silently ignores one it cannot apply, so each is read
 * back and a setting that did not take is refused. A connection that drops a given pragma stands in for
 * such a build or file.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, setPragmas, type Db } from '../../src/main/store/open';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'grille-pragmas-')), 'cat.sqlite');

/** A real connection on which setting `dropped` does nothing, as when SQLite ignores it. */
function ignoring(dropped: string, file: string): Db {
  const db = new Database(file);
  const pragma = db.pragma.bind(db);
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'pragma') return (source: string, options?: Database.PragmaOptions) => (source.replace(/\s+/g, ' ') === dropped ? [] : pragma(source, options));
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe('pragmas', () => {
  it('a file opened for writing is in WAL mode with synchronous = NORMAL, read back from the connection', async () => {
    const { db } = await openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a connection on which synchronous = NORMAL did not take, naming the file and the value read', () => {
    const file = tempFile();
    const db = ignoring('synchronous = NORMAL', file);
    // this build turns WAL connections to NORMAL by default: start from FULL, as another build would
    db.pragma('synchronous = FULL');
    try {
      expect(() => setPragmas(db, file, false)).toThrow(expect.objectContaining({ code: 'IO', message: expect.stringMatching(new RegExp(`${file}.*synchronous = NORMAL.*synchronous = 2`)) }));
    } finally {
      db.close();
    }
  });

  it('refuses a connection on which journal_mode = WAL did not take', () => {
    const file = tempFile();
    const db = ignoring('journal_mode = WAL', file);
    try {
      expect(() => setPragmas(db, file, false)).toThrow(expect.objectContaining({ code: 'IO', message: expect.stringContaining('journal_mode = delete') }));
    } finally {
      db.close();
    }
  });
});
