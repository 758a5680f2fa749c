import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { grille, tempDb } from './run';

let db: string;
beforeAll(() => {
  db = tempDb();
  expect(grille(['catalogue', 'list', '--db', db]).code).toBe(0);
});

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'grille-in-')), name);
  writeFileSync(path, content);
  return path;
}

describe('grille quote', () => {
  it('prices an Intériale household on the 2026 table, third child free (seed 003 l. 85, l. 220)', () => {
    const r = grille(['quote', 'interiale-cdg-sante', '--db', db, '--at', '2026-03-01', '--formula', 'securite', '--member', 'principal:1980-05-10:actif', '--member', 'enfant:2010-01-01', '--member', 'enfant:2012-01-01', '--member', 'enfant:2015-06-01', '--json']);
    expect(r.code).toBe(0);
    const [q] = (JSON.parse(r.stdout) as { quotes: { version: { code: string }; lines: { amountCents: number | null; outcome: string }[]; totals: { monthlyCents: number; annualCents: number } }[] }).quotes;
    expect(q!.version.code).toBe('2026');
    // 36,06 (actif > 35) + 14,33 + 14,33 + free third child
    expect(q!.lines.map((l) => l.amountCents)).toEqual([3606, 1433, 1433, 0]);
    expect(q!.totals.monthlyCents).toBe(3606 + 1433 + 1433);
    expect(q!.totals.annualCents).toBe(12 * (3606 + 1433 + 1433));
  });

  it('picks the 2025 table for a 2025 date (seed 003 l. 88: Sécurité jeunes actifs 23,74 €)', () => {
    const r = grille(['quote', 'interiale-cdg-sante', '--db', db, '--at', '2025-06-01', '--formula', 'securite', '--member', 'principal:1995-01-01:actif', '--json']);
    const [q] = (JSON.parse(r.stdout) as { quotes: { totals: { monthlyCents: number } }[] }).quotes;
    expect(q!.totals.monthlyCents).toBe(2374);
  });

  it('a retiree’s child has no 2026 price: total incomplete, never zero', () => {
    const r = grille(['quote', 'interiale-cdg-sante', '--db', db, '--at', '2026-03-01', '--formula', 'essentielle', '--member', 'principal:1955-01-01:retraite', '--member', 'enfant:2010-01-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('97,90 €');
    expect(r.stdout).toContain('non précisé');
    expect(r.stdout).toContain('Total incomplet');
  });

  it('prices the MAV with two sports, monthly, adhesion in March (seed 002 l. 657-671)', () => {
    const r = grille(['quote', 'bpce-mav', '--db', db, '--at', '2026-03-15', '--formula', 'individuelle', '--option', '2', '--member', 'principal:1980-01-01', '--sports', 'boxe,escalade', '--periodicity', 'trimestriel', '--adhesion', '2026-03-15', '--json']);
    expect(r.code).toBe(0);
    const [q] = (JSON.parse(r.stdout) as { quotes: { status: string; annualCents: number; surcharge: { percent: number; amountCents: number }; installments: { amountCents: number }; firstPremium: { amountCents: number } }[] }).quotes;
    // 99 € + 100 % for 2 to 5 sports = 198 €; quarterly 49,50 €; first premium 198 × 10 / 12 = 165 €
    expect(q).toMatchObject({ status: 'priced', annualCents: 19800, surcharge: { percent: 100, amountCents: 9900 }, installments: { amountCents: 4950 }, firstPremium: { amountCents: 16500 } });
  });

  it('prices the MAV at the adhesion date when --at is not given (seed 002 l. 656-659, 667-669, 675-677)', () => {
    const args = ['quote', 'bpce-mav', '--db', db, '--formula', 'familiale', '--option', '1', '--member', 'principal:1980-05-10', '--member', 'conjoint:1982', '--sports', 'plongée', '--periodicity', 'mensuel', '--adhesion', '2026-04-15', '--json'];
    const r = grille(args);
    expect(r.code).toBe(0);
    type Mav = { status: string; adhesion: string; version: { code: string }; baseAnnualCents: number; annualCents: number; surcharge: { percent: number; amountCents: number }; installments: { count: number; amountCents: number }; firstPremium: { months: number; amountCents: number } };
    const { quotes } = JSON.parse(r.stdout) as { quotes: Mav[] };
    expect(quotes).toHaveLength(1);
    // « Formule Familiale Option 1 … 249 euros »; « 1 sport 50% »: 249 + 124,50 = 373,50 €; monthly 373,50 / 12 = 31,125 → 31,13 €;
    // first premium April to December: 373,50 × 9 / 12 = 280,125 → 280,13 €
    expect(quotes[0]).toMatchObject({
      status: 'priced',
      adhesion: '2026-04-15',
      version: { code: 'notice' },
      baseAnnualCents: 24900,
      surcharge: { percent: 50, amountCents: 12450 },
      annualCents: 37350,
      installments: { count: 12, amountCents: 3113 },
      firstPremium: { months: 9, amountCents: 28013 },
    });
    // the same quote as with the tariff date said explicitly
    expect(grille([...args, '--at', '2026-04-15']).stdout).toBe(r.stdout);
  });

  it('refuses a MAV principal over 64 and an unlisted sport, naming the rule', () => {
    const r = grille(['quote', 'bpce-mav', '--db', db, '--at', '2026-01-01', '--formula', 'individuelle', '--option', '1', '--member', 'principal:1950-01-01', '--sports', 'golf']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Refus');
    expect(r.stdout).toMatch(/golf/);
  });

  it.each([
    [['quote', 'interiale-cdg-sante', '--at', '2026-02-30', '--member', 'principal:1980-01-01:actif'], /date impossible/],
    [['quote', 'interiale-cdg-sante', '--at', '2026-01-01', '--member', 'patron:1980-01-01'], /rôle « patron » inconnu/],
    [['quote', 'interiale-cdg-sante', '--at', '2026-01-01', '--member', 'principal'], /rôle:naissance/],
    [['quote', 'interiale-cdg-sante', '--at', '2026-01-01', '--formula', 'platine', '--member', 'principal:1980-01-01:actif'], /platine/],
    [['quote', 'nope', '--at', '2026-01-01', '--member', 'principal:1980-01-01'], /Produit inconnu/],
    [['quote', 'interiale-cdg-sante', '--at', '2026-01-01'], /aucun membre/],
  ])('bad input %j exits 1 with one clear line', (args, message) => {
    const r = grille([...args, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a missing --at is a usage error', () => {
    expect(grille(['quote', 'interiale-cdg-sante', '--member', 'principal:1980-01-01', '--db', db]).code).toBe(2);
  });
});

describe('grille revise', () => {
  it('PMSS +1,9 % and technique +4 %, additive, on 2025 reproduces Annexe 1 (2026) cell for cell', () => {
    const r = grille(['revise', 'interiale-cdg-sante', '--db', db, '--from-at', '2025-06-01', '--component', 'PMSS:1.9', '--component', 'technique:4', '--effective', '2026-01-01', '--json']);
    expect(r.code).toBe(0);
    const { revision } = JSON.parse(r.stdout) as { revision: { cells: { formula: string; segment: string; newCents: number }[] } };
    // seed 003 l. 220-228 (Annexe 1)
    const annexe1: Record<string, number> = {
      'securite/jeune-actif': 2514, 'securite/actif': 3606, 'securite/enfant': 1433, 'securite/retraite': 6915,
      'essentielle/jeune-actif': 3657, 'essentielle/actif': 4985, 'essentielle/enfant': 2013, 'essentielle/retraite': 9790,
      'renforcee/jeune-actif': 4395, 'renforcee/actif': 6257, 'renforcee/enfant': 2505, 'renforcee/retraite': 11469,
    };
    expect(Object.fromEntries(revision.cells.map((c) => [`${c.formula}/${c.segment}`, c.newCents]))).toEqual(annexe1);
  });

  it('saves the revision as a new dated version only with --save, and refuses a date another version covers', () => {
    const own = tempDb();
    expect(grille(['catalogue', 'list', '--db', own]).code).toBe(0);
    const before = readFileSync(own);
    // 2026-01-01 is covered by the 2026 version: nothing is saved
    const refused = grille(['revise', 'interiale-cdg-sante', '--db', own, '--from-at', '2026-01-01', '--component', 'PMSS:2', '--effective', '2026-01-01', '--save']);
    expect(refused.code).toBe(1);
    const ok = grille(['revise', 'interiale-cdg-sante', '--db', own, '--from-at', '2026-06-01', '--component', 'PMSS:2', '--component', 'technique:3', '--effective', '2027-01-01', '--reference', 'avenant n°4', '--save', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).saved).toEqual({ version: 'revision-2027-01-01', product: 'interiale-cdg-sante' });
    const q = grille(['quote', 'interiale-cdg-sante', '--db', own, '--at', '2027-02-01', '--formula', 'securite', '--member', 'principal:1995-01-01:actif', '--json']);
    // 25,14 € × 1,05 = 26,397 → 26,40 €
    expect((JSON.parse(q.stdout) as { quotes: { totals: { monthlyCents: number } }[] }).quotes[0]!.totals.monthlyCents).toBe(2640);
    expect(grille(['catalogue', 'check', '--db', own]).code).toBe(0);
    expect(readFileSync(own).equals(before)).toBe(false);
    // the saved revision is in the product's history, with its components
    const history = grille(['history', 'interiale-cdg-sante', '--db', own, '--json']);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain('revision-2027-01-01');
    expect(history.stdout).toContain('avenant n°4');
  });

  it.each([
    [['--component', 'PMSS:abc'], /abc/],
    [['--component', 'PMSS'], /component/],
    [[], /aucune composante/],
    [['--component', 'PMSS:1', '--mode', 'multiplicative'], /additive ou compound/],
  ])('bad revision %j exits 1 and saves nothing', (extra, message) => {
    const own = tempDb();
    expect(grille(['catalogue', 'list', '--db', own]).code).toBe(0);
    const raw = new Database(own, { readonly: true });
    const versions = raw.prepare('SELECT count(*) AS n FROM versions').get();
    raw.close();
    const r = grille(['revise', 'interiale-cdg-sante', '--db', own, '--from-at', '2025-06-01', '--effective', '2027-01-01', '--save', ...extra]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    const after = new Database(own, { readonly: true });
    expect(after.prepare('SELECT count(*) AS n FROM versions').get()).toEqual(versions);
    after.close();
  });
});

describe('grille impact', () => {
  it('costs a CDG population before and after, with a capped employer participation', () => {
    const csv = file('effectifs.csv', 'formule;segment;effectif\nsecurite;jeune-actif;10\nsecurite;actif;20\n');
    const r = grille(['impact', 'interiale-cdg-sante', '--db', db, '--headcounts', csv, '--from-at', '2025-06-01', '--to-at', '2026-01-01', '--participation', '30', '--json']);
    expect(r.code).toBe(0);
    const { impact } = JSON.parse(r.stdout) as { impact: { totals: { before: { monthlyCents: number }; after: { monthlyCents: number; employerMonthlyCents: number } } } };
    // 2025: 10 × 23,74 + 20 × 34,05; 2026: 10 × 25,14 + 20 × 36,06
    expect(impact.totals.before.monthlyCents).toBe(10 * 2374 + 20 * 3405);
    expect(impact.totals.after.monthlyCents).toBe(10 * 2514 + 20 * 3606);
    // 30 € capped at the young agents' 25,14 € cotisation
    expect(impact.totals.after.employerMonthlyCents).toBe(10 * 2514 + 20 * 3000);
  });

  it.each([
    ['formule;segment;effectif\nsecurite;actif;-3\n', /effectif|négatif|entier/],
    ['formule;segment;effectif\nplatine;actif;3\n', /platine/],
    ['segment;effectif\nactif;3\n', /formule/],
  ])('bad headcounts exit 1 naming the line', (csv, message) => {
    const r = grille(['impact', 'interiale-cdg-sante', '--db', db, '--headcounts', file('e.csv', csv), '--from-at', '2025-06-01', '--to-at', '2026-01-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('a missing headcounts file exits 1 naming it', () => {
    const r = grille(['impact', 'interiale-cdg-sante', '--db', db, '--headcounts', '/nonexistent/effectifs.csv', '--from-at', '2025-06-01', '--to-at', '2026-01-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/nonexistent/effectifs.csv');
  });
});
