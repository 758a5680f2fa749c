import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/main/store/schema';
import { grille, tempDb } from './run';

// The nine products of the default catalogue, as the five source texts describe them.
const NINE = [
  'mie-assistance',
  'slm-assistance',
  'bpce-mav',
  'bpce-mav-assistance',
  'interiale-cdg-sante',
  'interiale-assistance',
  'interiale-santeclair',
  'assurbp-sante-pro',
  'assurbp-sante-assistance',
];

describe('grille catalogue', () => {
  it('list: creates the database from the embedded catalogue on first use and prints the nine products', () => {
    const db = tempDb();
    const r = grille(['catalogue', 'list', '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const id of NINE) expect(r.stdout).toContain(id);
    expect(r.stdout).toContain('9 produits');
    expect(existsSync(db)).toBe(true);
  });

  it('list --json: stable shape, one entry per product, with formulas and versions', () => {
    const r = grille(['catalogue', 'list', '--json'], { GRILLE_DB: tempDb() });
    expect(r.code).toBe(0);
    const { products } = JSON.parse(r.stdout) as { products: { id: string; kind: string; formulas: { code: string }[]; versions: { code: string; effectiveFrom: string | null }[] }[] };
    expect(products.map((p) => p.id).sort()).toEqual([...NINE].sort());
    const interiale = products.find((p) => p.id === 'interiale-cdg-sante')!;
    expect(interiale.kind).toBe('sante');
    expect(interiale.formulas.map((f) => f.code)).toEqual(['securite', 'essentielle', 'renforcee']);
    // seed 003: Annexe 1 applies "à compter du 1er janvier 2026"
    expect(interiale.versions.find((v) => v.code === '2026')!.effectiveFrom).toBe('2026-01-01');
    const mav = products.find((p) => p.id === 'bpce-mav')!;
    expect(mav.formulas.map((f) => f.code)).toEqual(expect.arrayContaining(['individuelle', 'familiale', '1', '2']));
    const bp = products.find((p) => p.id === 'assurbp-sante-pro')!;
    expect(bp.formulas.map((f) => f.code)).toEqual(['F1', 'F2', 'F3', 'F4']);
  });

  it('show --json: tariffs in integer cents as printed in Annexe 1 (seed 003 l. 220-228)', () => {
    const r = grille(['catalogue', 'show', 'interiale-cdg-sante', '--json', '--db', tempDb()]);
    expect(r.code).toBe(0);
    const { product } = JSON.parse(r.stdout) as { product: { tariffs: { version: string; formula: string; segment: string; amountCents: number; source: { lines: number[] } }[] } };
    const cell = (v: string, f: string, s: string) => product.tariffs.find((t) => t.version === v && t.formula === f && t.segment === s);
    expect(cell('2026', 'securite', 'jeune-actif')!.amountCents).toBe(2514); // "Sécurité 25,14 €"
    expect(cell('2026', 'renforcee', 'retraite')!.amountCents).toBe(11469); // "Renforcée 114,69 €"
    expect(cell('2025', 'essentielle', 'enfant')!.amountCents).toBe(1901); // 2025 table "19,01 €"
    expect(cell('2026', 'securite', 'jeune-actif')!.source.lines[0]).toBe(220);
  });

  it('show: a readable French view with guarantees, sources and tariffs', () => {
    const db = tempDb();
    const r = grille(['catalogue', 'show', 'mie-assistance', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('IMA ASSURANCES');
    expect(r.stdout).toContain('assistance.aide_domicile.hospitalisation');
    expect(r.stdout).toMatch(/source : 000_9aae189d12a4f87e\.txt/);
    const t = grille(['catalogue', 'show', 'interiale-cdg-sante', '--db', db]);
    expect(t.stdout).toMatch(/25,14 €/);
    expect(t.stdout).toContain('non précisé'); // no 2026 child price for retirees
  });

  it('show: an unknown product exits 1 with one line naming it, and the database is not modified', () => {
    const db = tempDb();
    expect(grille(['catalogue', 'list', '--db', db]).code).toBe(0);
    const before = readFileSync(db);
    const r = grille(['catalogue', 'show', 'no-such-product', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Produit inconnu : « no-such-product »');
    expect(r.stdout).toBe('');
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('bad usage exits 2 with a French message', () => {
    const cases: [string[], string][] = [
      [['catalogue', 'bogus'], 'commande inconnue « bogus »'],
      [['catalogue', 'list', '--no-such-option'], 'option inconnue « --no-such-option »'],
      [['catalogue', 'show'], 'argument obligatoire manquant : product-id'],
      [['catalogue', 'show', 'a', 'b'], "trop d'arguments pour « show »"],
      [['quote', 'interiale-cdg-sante'], 'option obligatoire manquante : --at <date>'],
    ];
    for (const [args, message] of cases) {
      const r = grille(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr).not.toMatch(/^error:/m);
    }
  });

  it('--help exits 0 and describes the commands in French', () => {
    const r = grille(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('catalogue');
  });

  it('a database written by a newer Grille is refused and left untouched', () => {
    const db = tempDb();
    const raw = new Database(db);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE t (x)');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = readFileSync(db);
    const r = grille(['catalogue', 'list', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('version plus récente');
    expect(r.stderr).toContain(db);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('a corrupt or foreign file is refused and left untouched', () => {
    const db = tempDb();
    writeFileSync(db, Buffer.alloc(8192, 7));
    const before = readFileSync(db);
    const r = grille(['catalogue', 'reset', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/n'est pas une base SQLite/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('an unreadable path (a folder) exits 1 with the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grille-dir-'));
    const r = grille(['catalogue', 'list', '--db', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(dir);
  });

  it('a database locked by another writer: reset waits, then exits 1 saying so, and changes nothing', () => {
    const db = tempDb();
    expect(grille(['catalogue', 'list', '--db', db]).code).toBe(0);
    const holder = new Database(db);
    const before = (holder.prepare("SELECT value FROM meta WHERE key = 'catalogue_loaded_at'").get() as { value: string }).value;
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const r = grille(['catalogue', 'reset', '--db', db]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/verrouillée/);
    } finally {
      holder.exec('ROLLBACK');
    }
    expect((holder.prepare("SELECT value FROM meta WHERE key = 'catalogue_loaded_at'").get() as { value: string }).value).toBe(before);
    holder.close();
  }, 30_000);

  it('reset recreates the catalogue; GRILLE_DB chooses the file', () => {
    const db = tempDb();
    expect(grille(['catalogue', 'list'], { GRILLE_DB: db }).code).toBe(0);
    const raw = new Database(db);
    raw.prepare("DELETE FROM products WHERE id = 'slm-assistance'").run();
    raw.close();
    expect(grille(['catalogue', 'list', '--json'], { GRILLE_DB: db }).stdout).not.toContain('"slm-assistance"');
    const r = grille(['catalogue', 'reset'], { GRILLE_DB: db });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('9 produits');
    expect(grille(['catalogue', 'list', '--json'], { GRILLE_DB: db }).stdout).toContain('"slm-assistance"');
  });

  it('check without the source texts verifies the file and says plainly that quotes were not checked', () => {
    const r = grille(['catalogue', 'check', '--db', tempDb()], { GRILLE_SOURCES: join(tmpdir(), 'grille-no-such-folder') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Intégrité : ok');
    expect(r.stdout).toContain('GRILLE_SOURCES désigne un dossier absent');
    // nothing is called « non vérifiable » when no quote was checked
    expect(r.stdout).not.toContain('Non vérifiable');
    const file = join(mkdtempSync(join(tmpdir(), 'grille-sources-file-')), 'sources.txt');
    writeFileSync(file, 'pas un dossier');
    const notFolder = grille(['catalogue', 'check', '--db', tempDb()], { GRILLE_SOURCES: file });
    expect(notFolder.code).toBe(0);
    expect(notFolder.stdout).toContain(`GRILLE_SOURCES désigne un dossier absent : ${file}`);
  });
});
