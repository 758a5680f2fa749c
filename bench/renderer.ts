/**
 * Renderer benchmarks (issue 5) in Debian's Chromium: the comparison grid's first paint for 500
 * categories (+ 25 headings) × 60 columns (goal < 1 s), and the time to show the bottom-right corner
 * after scrolling there. The comparison is the real model (bench/export.ts's generated catalogue
 * through the compare engine), fed to the built renderer through a fake `window.grille`; the view
 * runs as a person uses it ("Tout sélectionner", then "Comparer").
 * Baseline, in the same run and the same page: a plain HTML <table> of the same cells, built and
 * painted, then scrolled to its bottom-right corner.
 *
 * Usage: add `['Affichage (Chromium)', rendererBench]` to the sections of bench/run.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ProductSummaryDto } from '../src/shared/api';
import { compare, type Comparison } from '../src/shared/core/compare';
import { closeServer, launchChromium, serveStatic } from '../test/e2e/browser';
import { buildRenderer } from '../test/e2e/build-renderer';
import { comparisonInput } from './export';
import type { BenchRow, BenchSection } from './harness';

const RUNS = 3;

function summaries(c: Comparison): ProductSummaryDto[] {
  const byProduct = new Map<string, ProductSummaryDto>();
  for (const col of c.columns) {
    let p = byProduct.get(col.productId);
    if (!p) {
      p = { id: col.productId, kind: col.productKind, name: col.productName, insurer: { id: 'assureur', name: col.insurer }, distributor: null, attachedTo: null, references: [], formulas: [], versions: [], guaranteeCount: 0, tariffCellCount: 0 };
      byProduct.set(col.productId, p);
    }
    p.formulas.push({ code: col.formula, label: col.formulaLabel, kind: 'formula' });
  }
  return [...byProduct.values()];
}

/** window.grille answering from the prepared comparison (fetched before the measure). */
function fakeApi(products: ProductSummaryDto[]): string {
  return `(() => {
    const products = ${JSON.stringify(products)};
    let data = null;
    const no = (m) => Promise.resolve({ ok: false, error: { code: 'BENCH', message: m + ' : hors mesure' } });
    window.benchPrepare = async () => { data = await (await fetch('/bench/comparison.json')).json(); return data.rows.length; };
    const api = {
      catalogueList: async () => ({ ok: true, value: products }),
      catalogueShow: () => no('catalogueShow'),
      taxonomy: async () => ({ ok: true, value: [] }),
      compare: async () => ({ ok: true, value: data }),
      quote: () => no('quote'), revise: () => no('revise'), impact: () => no('impact'),
      exportComparison: () => no('export'), exportTariffs: () => no('export'), exportQuote: () => no('export'), exportDeliberation: () => no('export'),
    };
    Object.defineProperty(window, 'grille', { value: Object.freeze(api) });
  })();`;
}

const FRAME = 'const frame = () => new Promise((r) => requestAnimationFrame(() => r()));';

async function gridRun(page: Page, origin: string, lastRow: number, lastCol: number): Promise<{ paint: number; scroll: number }> {
  await page.goto(`${origin}/index.html`);
  await page.getByRole('tab', { name: 'Comparaison' }).click();
  await page.getByRole('button', { name: 'Tout sélectionner' }).click();
  await page.evaluate('window.benchPrepare()');
  return page.evaluate(`(async () => {
    ${FRAME}
    const t0 = performance.now();
    document.querySelector('#comparaison-lancer').click();
    for (;;) { await frame(); if (document.querySelector('#comparaison-grille .ag-row[row-index="0"] [col-id="c0"]')) break; }
    await frame();
    const paint = performance.now() - t0;
    const root = document.querySelector('#comparaison-grille');
    const all = [...root.querySelectorAll('*')];
    const scrollers = all.filter((e) => {
      const st = getComputedStyle(e);
      return (e.scrollHeight > e.clientHeight + 50 && /auto|scroll/.test(st.overflowY)) || (e.scrollWidth > e.clientWidth + 50 && /auto|scroll/.test(st.overflowX));
    });
    // to the end, again on each frame: the grid may grow its scroll area as it learns the row heights
    const toCorner = () => { for (const e of scrollers) { e.scrollTop = e.scrollHeight; e.scrollLeft = e.scrollWidth; } };
    const t1 = performance.now();
    toCorner();
    const target = '#comparaison-grille .ag-row[row-index="${lastRow}"] [col-id="c${lastCol}"]';
    for (let i = 0; i < 600; i++) { await frame(); if (document.querySelector(target)) break; toCorner(); }
    if (!document.querySelector(target)) throw new Error('la grille n’a pas affiché le coin bas-droit en 10 s');
    await frame();
    return { paint, scroll: performance.now() - t1 };
  })()`);
}

async function tableRun(page: Page, origin: string): Promise<{ paint: number; scroll: number }> {
  await page.goto(`${origin}/index.html`);
  await page.evaluate('window.benchPrepare()');
  return page.evaluate(`(async () => {
    ${FRAME}
    const data = await window.grille.compare({}).then((r) => r.value);
    const t0 = performance.now();
    const wrap = document.createElement('div');
    wrap.style.cssText = 'height: 620px; overflow: auto; font-size: 13px';
    const table = document.createElement('table');
    const head = table.createTHead().insertRow();
    for (const text of ['Garantie', ...data.columns.map((c) => c.label)]) { const th = document.createElement('th'); th.textContent = text; head.appendChild(th); }
    const body = table.createTBody();
    for (const row of data.rows) {
      const tr = body.insertRow();
      tr.insertCell().textContent = row.label;
      for (const cell of row.cells) tr.insertCell().textContent = cell.text;
      for (let i = row.cells.length; i < data.columns.length; i++) tr.insertCell();
    }
    wrap.appendChild(table);
    document.getElementById('app').replaceChildren(wrap);
    await frame();
    await frame();
    const paint = performance.now() - t0;
    const t1 = performance.now();
    wrap.scrollTop = wrap.scrollHeight;
    wrap.scrollLeft = wrap.scrollWidth;
    await frame();
    await frame();
    return { paint, scroll: performance.now() - t1 };
  })()`);
}

export const rendererBench: BenchSection = async () => {
  const { columns, taxonomy } = comparisonInput();
  const comparison = compare({ columns, taxonomy });
  const dir = await buildRenderer(mkdtempSync(join(tmpdir(), 'grille-bench-renderer-')));
  const { server, origin } = await serveStatic(dir, { '/bench/comparison.json': { type: 'application/json', body: JSON.stringify(comparison) } });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });
    await context.addInitScript({ content: fakeApi(summaries(comparison)) });
    const page = await context.newPage();
    const grid: { paint: number; scroll: number }[] = [];
    const table: { paint: number; scroll: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      grid.push(await gridRun(page, origin, comparison.rows.length - 1, comparison.columns.length - 1));
      table.push(await tableRun(page, origin));
    }
    const best = (list: { paint: number; scroll: number }[], k: 'paint' | 'scroll') => Math.min(...list.map((x) => x[k]));
    const size = `${comparison.rows.length} lignes × ${comparison.columns.length} colonnes`;
    const rows: BenchRow[] = [
      {
        name: `Grille de comparaison : premier affichage, ${size} (clic « Comparer » → cellules peintes)`,
        ms: best(grid, 'paint'),
        baselineMs: best(table, 'paint'),
        baseline: '<table> HTML des mêmes cases, construite et peinte',
        goal: '< 1 s',
        met: best(grid, 'paint') < 1000,
      },
      {
        name: 'Grille de comparaison : défilement au coin bas-droit → cellules affichées',
        ms: best(grid, 'scroll'),
        baselineMs: best(table, 'scroll'),
        baseline: '<table> HTML, même défilement',
      },
    ];
    return rows;
  } finally {
    await browser.close();
    await closeServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
};
