import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../cli/run';
import { storeFixture } from '../fixtures/store-product';

const CELLS = 150_000;

/** A data/ folder whose one product has many tariff cells, so loading it takes long enough to be killed halfway. */
function bigDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grille-bigdata-'));
  mkdirSync(join(dir, 'products'));
  cpSync(resolve(__dirname, '..', '..', 'data', 'taxonomy.json'), join(dir, 'taxonomy.json'));
  const product = storeFixture('gros-produit');
  product.categories = [{ key: 'sante.test', label: 'Catégorie de test' }];
  const source = product.tariffs[0]!.source;
  product.tariffs = Array.from({ length: CELLS }, (_, i) => ({ version: '2026', formula: 'securite', option: '', segment: 'enfant', zone: `z${i}`, amountCents: i, period: 'month' as const, source }));
  writeFileSync(join(dir, 'products', 'gros-produit.json'), JSON.stringify(product));
  return dir;
}

/**
 * Run `catalogue list` on a new database and kill it with SIGKILL: after `afterMs`, or, with
 * `whenWalBytes`, as soon as the write-ahead log holds that much (the big transaction is under way).
 */
function runAndKill(db: string, dataDir: string, kill: { afterMs?: number; whenWalBytes?: number }): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'catalogue', 'list', '--json', '--db', db], { env: { ...process.env, GRILLE_DATA_DIR: dataDir }, stdio: 'ignore' });
    let finished = false;
    const timers: NodeJS.Timeout[] = [];
    if (kill.afterMs !== undefined) timers.push(setTimeout(() => !finished && child.kill('SIGKILL'), kill.afterMs));
    if (kill.whenWalBytes !== undefined) {
      const limit = kill.whenWalBytes;
      const poll = setInterval(() => {
        let size = 0;
        try {
          size = statSync(`${db}-wal`).size;
        } catch {
          return;
        }
        if (size >= limit && !finished) child.kill('SIGKILL');
      }, 2);
      timers.push(poll);
    }
    child.on('exit', (code, signal) => {
      finished = true;
      for (const t of timers) clearTimeout(t);
      done({ killed: signal === 'SIGKILL', code });
    });
  });
}

describe('loading the catalogue is all or nothing', () => {
  it('a process killed with SIGKILL at random moments leaves a database that passes integrity_check and holds all or nothing', async () => {
    const dataDir = bigDataDir();
    const fullDb = join(mkdtempSync(join(tmpdir(), 'grille-crash-')), 'full.sqlite');
    const start = Date.now();
    const full = await runAndKill(fullDb, dataDir, {});
    const fullMs = Date.now() - start;
    expect(full).toEqual({ killed: false, code: 0 });

    let killedInside = 0;
    const trials = 10;
    for (let t = 0; t < trials; t++) {
      const db = join(mkdtempSync(join(tmpdir(), 'grille-crash-')), 'c.sqlite');
      // even trials: a random moment of the whole run, start-up included; odd trials: in the middle of the
      // write transaction, once the log holds a random amount of it beyond the ~140 kB the migration
      // leaves there (whatever the machine's speed)
      const r = await runAndKill(db, dataDir, t % 2 === 0 ? { afterMs: Math.floor(fullMs * Math.random()) } : { whenWalBytes: 400_000 + Math.floor(Math.random() * 2_600_000) });
      if (!existsSync(db)) continue; // killed before the file was created: nothing to check
      const raw = new Database(db);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      const tables = (raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'tariff_cells'").get() as { n: number }).n;
      if (tables === 1) {
        const cells = (raw.prepare('SELECT count(*) AS n FROM tariff_cells').get() as { n: number }).n;
        const loaded = raw.prepare("SELECT value FROM meta WHERE key = 'catalogue_loaded_at'").get();
        expect([0, CELLS]).toContain(cells);
        expect(loaded !== undefined).toBe(cells === CELLS);
        if (r.killed && cells === 0) killedInside++;
      }
      raw.close();
      // whatever the moment, the next run completes the catalogue
      const again = await runAndKill(db, dataDir, {});
      expect(again).toEqual({ killed: false, code: 0 });
      const after = new Database(db, { readonly: true });
      expect((after.prepare('SELECT count(*) AS n FROM tariff_cells').get() as { n: number }).n).toBe(CELLS);
      after.close();
    }
    // the kills must have hit the load at least once, or the test proved nothing
    expect(killedInside).toBeGreaterThan(0);
  }, 300_000);
});
