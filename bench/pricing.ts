/**
 * Pricing engine benchmarks (issue 3): 10 000 generated households quoted against every product × formula of a
 * generated catalogue (goal < 1 s), and a revision of 1 000 000 generated tariff cells (goal < 2 s). Each is
 * measured with a plain loop over the same data in the same run (same prices, no explanation), so the ratio means
 * the same on any machine. The plain loop's results are checked against Grille's, so both do the same work.
 *
 * Usage: add `['Tarification', pricingBench]` to the sections of bench/run.ts.
 */
import type { ProductFile, Source, TariffCellEntry } from '../src/shared/core/catalogue-schema';
import { quoteProducts } from '../src/shared/core/quote';
import { reviseCells, type CellLike } from '../src/shared/core/revision';
import type { MemberInput } from '../src/shared/core/pricing-types';
import { bestOf, type BenchRow, type BenchSection } from './harness';

const PRODUCTS = 6;
const FORMULAS = 3;
const HOUSEHOLDS = 10_000;
const REVISION_CELLS = 1_000_000;
const AT = '2026-03-01';
const SEGMENTS = ['jeune-actif', 'actif', 'enfant', 'retraite'] as const;

/** Deterministic pseudo-random numbers (LCG), so every run measures the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const src = (line: number): Source => ({ file: 'genere.txt', section: 'Barème généré', lines: [line, line], quote: 'barème' });

interface GenProduct {
  product: ProductFile;
  /** jeune-actif up to this age */
  youngMax: number;
  freeRank: number | null;
  /** amount by version|formula|segment */
  cells: Map<string, number>;
}

function generatedProduct(i: number, rand: () => number): GenProduct {
  const youngMax = 30 + (i % 4) * 2;
  const freeRank = i % 2 === 0 ? 3 : null;
  const tariffs: TariffCellEntry[] = [];
  const cells = new Map<string, number>();
  let line = 1;
  for (const version of ['2025', '2026']) {
    for (let f = 0; f < FORMULAS; f++) {
      const row = line++;
      for (const segment of SEGMENTS) {
        const amountCents = 1000 + Math.floor(rand() * 15000);
        // 2026: the retirees' table stands apart, without a children column (as Intériale 2026)
        const l = version === '2026' && segment === 'retraite' ? 1000 + row : row;
        tariffs.push({ version, formula: `f${f}`, option: '', segment, zone: '', amountCents, period: 'month', source: src(l) });
        cells.set(`${version}|f${f}|${segment}`, amountCents);
      }
    }
  }
  const s = src(1);
  const product: ProductFile = {
    formatVersion: 1,
    product: { id: `genere-${i}`, kind: 'sante', name: `Produit généré ${i}`, insurer: 'assureur-genere', distributor: null, subscribers: [], references: [], attachedTo: null, source: s },
    organisations: [],
    documents: [{ id: 'doc', file: 'genere.txt', title: 'Barème', kind: 'tarif', lines: [1, 2000], date: null }],
    formulas: Array.from({ length: FORMULAS }, (_, f) => ({ code: `f${f}`, label: `Formule ${f}`, kind: 'formula' as const })),
    segments: [
      { code: 'jeune-actif', label: 'Jeunes actifs', roles: ['principal', 'conjoint'], status: 'actif', ageMin: null, ageMax: youngMax, source: s },
      { code: 'actif', label: 'Actifs', roles: ['principal', 'conjoint'], status: 'actif', ageMin: youngMax + 1, ageMax: null, source: s },
      { code: 'enfant', label: 'Enfants', roles: ['enfant'], status: null, ageMin: null, ageMax: null, source: s },
      { code: 'retraite', label: 'Retraités', roles: ['principal', 'conjoint'], status: 'retraite', ageMin: null, ageMax: null, source: s },
    ],
    versions: [
      { code: '2025', label: '2025', effectiveFrom: null, effectiveTo: '2025-12-31', document: 'doc', source: s },
      { code: '2026', label: '2026', effectiveFrom: '2026-01-01', effectiveTo: null, document: 'doc', source: s },
    ],
    categories: [],
    guarantees: [],
    tariffs,
    rules: freeRank
      ? [{ type: 'free-children-from-rank', versions: ['*'], formulas: ['*'], params: { rank: freeRank, order: 'oldest-first' }, text: 'gratuité', source: s }]
      : [],
  };
  return { product, youngMax, freeRank, cells };
}

function households(rand: () => number): MemberInput[][] {
  const out: MemberInput[][] = [];
  const date = (y: number) => `${y}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const year = 1950 + Math.floor(rand() * 55);
    const retired = year < 1962 && rand() < 0.8;
    const members: MemberInput[] = [{ role: 'principal', birth: date(year), status: retired ? 'retraite' : 'actif' }];
    if (rand() < 0.6) members.push({ role: 'conjoint', birth: String(year + Math.floor(rand() * 6) - 3), status: retired && rand() < 0.7 ? 'retraite' : 'actif' });
    const children = retired ? Math.floor(rand() * 2) : Math.floor(rand() * 5);
    for (let c = 0; c < children; c++) members.push({ role: 'enfant', birth: date(2000 + Math.floor(rand() * 25)) });
    out.push(members);
  }
  return out;
}

/** The plain loop: the same prices with no explanation (ages, segments, children's table, free ranks). */
function plainQuote(gens: readonly GenProduct[], house: readonly MemberInput[], year: number): number[] {
  const totals: number[] = [];
  const version = year >= 2026 ? '2026' : '2025';
  const principalRetired = house[0]!.status === 'retraite';
  const kids = house
    .map((m, i) => ({ m, i }))
    .filter((x) => x.m.role === 'enfant')
    .sort((a, b) => (a.m.birth < b.m.birth ? -1 : a.m.birth > b.m.birth ? 1 : a.i - b.i));
  const rank = new Map(kids.map((k, r) => [k.i, r + 1]));
  for (const g of gens) {
    for (let f = 0; f < FORMULAS; f++) {
      let sum = 0;
      let complete = true;
      house.forEach((m, i) => {
        let segment: string;
        if (m.role === 'enfant') {
          if (principalRetired && version === '2026') {
            complete = false;
            return;
          }
          if (g.freeRank !== null && rank.get(i)! >= g.freeRank) return;
          segment = 'enfant';
        } else if (m.status === 'retraite') segment = 'retraite';
        else segment = year - Number(m.birth.slice(0, 4)) <= g.youngMax ? 'jeune-actif' : 'actif';
        sum += g.cells.get(`${version}|f${f}|${segment}`)!;
      });
      totals.push(complete ? sum : -1);
    }
  }
  return totals;
}

async function quoteBench(): Promise<BenchRow[]> {
  const rand = rng(20260301);
  const gens = Array.from({ length: PRODUCTS }, (_, i) => generatedProduct(i, rand));
  const catalogue = gens.map((g) => g.product);
  const houses = households(rand);
  const quotes = HOUSEHOLDS * PRODUCTS * FORMULAS;

  const plain = bestOf(3, () => houses.map((h) => plainQuote(gens, h, 2026)));
  const grille = bestOf(3, () =>
    houses.map((h) => quoteProducts(catalogue, { at: AT, members: h }).map((q) => (q.kind === 'household' ? (q.totals.monthlyCents ?? -1) : -2))),
  );
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const a = plain.value[i]!;
    const b = grille.value[i]!;
    if (a.length !== b.length || a.some((x, j) => x !== b[j])) {
      throw new Error(`bench: le foyer ${i} n'a pas le même total (boucle simple ${a.join(',')} / Grille ${b.join(',')})`);
    }
  }
  return [
    {
      name: `Grille household quotes (${HOUSEHOLDS.toLocaleString('fr-FR')} households × ${PRODUCTS} products × ${FORMULAS} formulas = ${quotes.toLocaleString('fr-FR')} quotes, with explanations)`,
      ms: grille.ms,
      baselineMs: plain.ms,
      baseline: 'plain loop over the same households and cells (same totals, no explanation)',
      rate: { value: HOUSEHOLDS / (grille.ms / 1000), unit: 'households/s' },
      goal: '< 1 s',
      met: grille.ms < 1000,
    },
  ];
}

async function revisionBench(): Promise<BenchRow[]> {
  const rand = rng(59);
  const s = src(1);
  const cells: CellLike[] = Array.from({ length: REVISION_CELLS }, (_, i) => ({
    formula: `f${i % 4}`,
    option: '',
    segment: `s${i % 250}`,
    zone: `z${Math.floor(i / 1000)}`,
    amountCents: 500 + Math.floor(rand() * 50_000),
    period: 'month' as const,
    source: s,
  }));
  const spec = { components: [{ label: 'PMSS', rate: '1.9' }, { label: 'technique', rate: '4' }], effectiveFrom: '2027-01-01' };
  const plain = bestOf(3, () => {
    const out = new Array<number>(cells.length);
    for (let i = 0; i < cells.length; i++) out[i] = Math.floor((cells[i]!.amountCents * 1059 + 500) / 1000);
    return out;
  });
  const grille = bestOf(3, () => {
    const r = reviseCells(cells, spec);
    if (!r.ok) throw new Error(r.message);
    return r.result;
  });
  for (let i = 0; i < cells.length; i++) {
    if (grille.value.cells[i]!.newCents !== plain.value[i]) throw new Error(`bench: cellule ${i} différente`);
  }
  return [
    {
      name: `Grille tariff revision (${REVISION_CELLS.toLocaleString('fr-FR')} cells, 2 components additive, exact rounding, diff per cell)`,
      ms: grille.ms,
      baselineMs: plain.ms,
      baseline: 'plain integer loop (c × 1059 + 500) / 1000 over the same cells, no diff',
      rate: { value: REVISION_CELLS / (grille.ms / 1000), unit: 'cells/s' },
      goal: '< 2 s',
      met: grille.ms < 2000,
    },
  ];
}

export const pricingBench: BenchSection = async () => [...(await quoteBench()), ...(await revisionBench())];
