/**
 * The store's refusals are GrilleErrors with a code and a French message naming what and where, never
 * a bare Error (which the CLI and the bridge can only report as a defect without a code).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GrilleError } from '../../src/shared/errors';
import { openCatalogue } from '../../src/main/services/catalogue';
import { nextBackupPath } from '../../src/main/store/backup-files';
import { applyImport } from '../../src/main/store/writer-import';

describe('store errors', () => {
  it('a backup reason outside lower-case letters, digits and dashes is a defect of Grille (INTERNAL), naming the folder', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'grille-errors-')), 'cat.sqlite');
    const error = (() => {
      try {
        nextBackupPath(file, 'Avant Import');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(GrilleError);
    expect(error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining(join(file, '..', 'backups')) });
    expect((error as GrilleError).message).toContain('« Avant Import »');
  });

  it('an import closing a version that is no longer open is a CONFLICT and writes nothing', async () => {
    const cat = await openCatalogue(':memory:');
    try {
      const audit = () => (cat.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
      const before = audit();
      const write = {
        categories: [],
        creates: [],
        additions: [{ productId: 'interiale-cdg-sante', documents: [], versions: [], guarantees: [], rules: [], tariffs: [], close: { version: '2025', effectiveTo: '2025-12-31' } }],
        audit: [{ action: 'import', what: 'essai', productId: 'interiale-cdg-sante', oldValue: null, newValue: null, comment: null }],
      };
      expect(() => applyImport(cat.db, write)).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/interiale-cdg-sante.*version 2025 n’est plus ouverte/) }));
      expect(audit()).toBe(before);
    } finally {
      cat.close();
    }
  });
});
