/**
 * A large `grille import` killed with SIGKILL at random moments: the database always passes
 * integrity_check and holds exactly the old catalogue or exactly the new one, never a part of it.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getProduct, getTaxonomy, productIds } from '../../src/main/store/reader';
import { stringifyPackage } from '../../src/main/transfer/json-package';
import { BIN } from '../cli/run';
import { essaiPackage } from '../fixtures/make-malformed';
import { templateDb } from './helpers';

const CELLS = 60_000;
const TRIALS = 20;

/** A package of one new product whose 2026 table has CELLS cells (zones z0…), each with its document source. */
function bigPackage(dir: string): string {
  const pkg = essaiPackage();
  const p = pkg.products[0]!;
  p.product.id = 'gros-import';
  const source = p.tariffs.find((t) => t.version === '2026')!.source;
  p.tariffs = Array.from({ length: CELLS }, (_, i) => ({ version: '2026', formula: 'securite', option: '', segment: 'enfant', zone: `z${i}`, amountCents: i % 100_000, period: 'month' as const, source }));
  const file = join(dir, 'gros.json');
  writeFileSync(file, stringifyPackage(pkg));
  return file;
}

/** The whole catalogue as one digest: every product as the store gives it, the taxonomy, the audit rows. */
function catalogueDigest(file: string): { digest: string; integrity: string; hasBig: boolean } {
  const db = new Database(file);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const hash = createHash('sha256');
    for (const id of productIds(db)) hash.update(JSON.stringify(getProduct(db, id)));
    hash.update(JSON.stringify(getTaxonomy(db)));
    hash.update(JSON.stringify(db.prepare('SELECT action, product_id, old_value, new_value FROM audit ORDER BY id').all()));
    return { digest: hash.digest('hex'), integrity, hasBig: productIds(db).includes('gros-import') };
  } finally {
    db.close();
  }
}

function runAndKill(db: string, pkg: string, afterMs: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'import', pkg, '--db', db], { stdio: 'ignore' });
    let finished = false;
    const timer = setTimeout(() => {
      if (!finished) child.kill('SIGKILL');
    }, afterMs);
    child.on('exit', (code, signal) => {
      finished = true;
      clearTimeout(timer);
      done({ killed: signal === 'SIGKILL', code });
    });
  });
}

describe('a large import killed halfway', () => {
  it(`leaves, over ${TRIALS} random kills, a database that passes integrity_check and holds the old or the new catalogue`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grille-import-crash-'));
    const pkg = bigPackage(dir);
    const template = join(dir, 'modele.sqlite');
    copyFileSync(await templateDb(), template);
    const old = catalogueDigest(template);
    expect(old.integrity).toBe('ok');
    expect(old.hasBig).toBe(false);

    // the whole import, uninterrupted: its result is "the new catalogue" (run twice: the first warms the caches)
    const full = join(dir, 'complet.sqlite');
    let fullMs = 0;
    for (let run = 0; run < 2; run++) {
      copyFileSync(template, full);
      const start = Date.now();
      expect(await runAndKill(full, pkg, 300_000)).toEqual({ killed: false, code: 0 });
      fullMs = Date.now() - start;
    }
    const fresh = catalogueDigest(full);
    expect(fresh.hasBig).toBe(true);
    expect(fresh.digest).not.toBe(old.digest);

    let killedInsideWrite = 0;
    const outcomes = { old: 0, new: 0 };
    for (let t = 0; t < TRIALS; t++) {
      const trialDir = mkdtempSync(join(dir, `essai-${t}-`));
      const db = join(trialDir, 'grille.sqlite');
      copyFileSync(template, db);
      // random moments: every other trial over the whole run (start-up, reading, validation, backup), the
      // others over its second half, where the backup and the write transaction run
      const from = t % 2 === 0 ? 0.1 : 0.5;
      const r = await runAndKill(db, pkg, Math.floor(fullMs * (from + (1 - from) * Math.random())));
      // the import takes its backup (renamed into place when complete) just before its write transaction
      const backups = join(trialDir, 'backups');
      const backedUp = existsSync(backups) && readdirSync(backups).some((n) => n.endsWith('-avant-import.sqlite'));
      const after = catalogueDigest(db);
      expect(after.integrity).toBe('ok');
      expect([old.digest, fresh.digest]).toContain(after.digest);
      if (after.digest === old.digest) outcomes.old++;
      else outcomes.new++;
      // killed after the backup and before the commit: the write transaction itself was cut
      if (r.killed && backedUp && after.digest === old.digest) killedInsideWrite++;
    }
    expect(outcomes.old + outcomes.new).toBe(TRIALS);
    // the kills must have cut the write transaction at least once, or the test proved nothing
    expect(killedInsideWrite).toBeGreaterThan(0);
  }, 600_000);
});
