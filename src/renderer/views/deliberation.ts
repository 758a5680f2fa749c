/**
 * Délibération: the headcounts file (read here with FileReader, 1 Mo at most), the employer
 * participation, the budget impact before/after (computed by the impact service) and the export of
 * the deliberation workbook.
 */
import type { ColDef } from 'ag-grid-community';
import type { DeliberationRequest, ImpactRequest } from '../../shared/api';
import type { ImpactGroup, ImpactResult, SideTotals } from '../../shared/core/impact';
import { formatEuros } from '../../shared/core/money';
import { ask } from '../ui/api';
import { askWithStatus, sayInvalid } from '../ui/ask-status';
import { busy } from '../ui/busy';
import type { AppContext } from '../ui/context';
import { parseDateFr } from '../ui/dates';
import { button, field, h, replace } from '../ui/dom';
import { hypothesesList } from '../ui/explain';
import { compactTheme } from '../ui/grid';
import { deltaColumn, refillableGrid } from '../ui/grid-rows';
import { codeLabels, deltaEurosText, deltaPercentText } from '../ui/labels';
import { say, sayExported } from '../ui/notice';
import type { revisionForm } from './revision-form';

const MAX_BYTES = 1024 * 1024;
const euros = (c: number | null) => (c === null ? 'non calculable' : formatEuros(c));

interface Headcounts {
  text: string;
  name: string;
  format: 'csv' | 'json';
}

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('lecture impossible'));
    reader.readAsText(file, 'utf-8');
  });
}

function totalsTable(r: ImpactResult): HTMLTableElement {
  const t = r.complete ? r.totals : { before: r.partial.before, after: r.partial.after, deltaMonthlyCents: null, deltaAnnualCents: null, deltaPercent: null };
  const line = (label: string, get: (s: SideTotals) => number | null, delta: string) => h('tr', null, h('th', { scope: 'row', text: label }), h('td', { class: 'amount', text: euros(get(t.before)) }), h('td', { class: 'amount', text: euros(get(t.after)) }), h('td', { class: 'amount delta', text: delta }));
  return h(
    'table',
    { class: 'simple impact-totals' },
    h('thead', null, h('tr', null, h('th', { scope: 'col', text: r.complete ? `Total (${r.totals.count} personnes)` : 'Sommes partielles' }), h('th', { scope: 'col', text: r.beforeLabel }), h('th', { scope: 'col', text: r.afterLabel }), h('th', { scope: 'col', text: 'Écart' }))),
    h(
      'tbody',
      null,
      line('Cotisations par mois', (s) => s.monthlyCents, t.deltaMonthlyCents === null ? '—' : `${deltaEurosText(t.deltaMonthlyCents)} (${deltaPercentText(t.deltaPercent)})`),
      line('Cotisations par an', (s) => s.annualCents, t.deltaAnnualCents === null ? '—' : deltaEurosText(t.deltaAnnualCents)),
      line('Participation employeur par mois', (s) => s.employerMonthlyCents, '—'),
      line('Participation employeur par an', (s) => s.employerAnnualCents, '—'),
      line('Reste à charge des agents par mois', (s) => s.netMonthlyCents, '—'),
      line('Reste à charge des agents par an', (s) => s.netAnnualCents, '—'),
    ),
  );
}

/** The headcounts file, checked for size and read; what happened is said in the slot (null: not usable). */
async function readHeadcounts(f: File, fileStatus: HTMLElement): Promise<Headcounts | null> {
  if (f.size > MAX_BYTES) {
    say(fileStatus, 'error', `${f.name} : fichier trop gros (${Math.ceil(f.size / 1024)} Ko ; 1 Mo au plus).`, 'Gardez une ligne par formule × segment.');
    return null;
  }
  try {
    const text = await readFile(f);
    const headcounts: Headcounts = { text, name: f.name, format: /\.json$/i.test(f.name) ? 'json' : 'csv' };
    const lines = text.split(/\r?\n/).filter((l) => l.trim()).length;
    say(fileStatus, 'ok', `${f.name} chargé (${headcounts.format.toUpperCase()}, ${lines} ligne${lines > 1 ? 's' : ''}).`);
    return headcounts;
  } catch (e) {
    say(fileStatus, 'error', `${f.name} : lecture impossible (${(e as Error).message}).`, 'Choisissez un autre fichier.');
    return null;
  }
}

/** The rows a total could not count, said above the partial sums. */
function missingNotice(r: ImpactResult): HTMLElement | null {
  if (r.complete) return null;
  return h(
    'div',
    { class: 'notice notice-warn' },
    h('strong', { text: 'Total incomplet : ' }),
    'des cotisations ne sont pas données par la source ; les sommes ci-dessous ne portent que sur les lignes connues.',
    h('ul', null, ...r.missing.map((m) => h('li', { text: `ligne ${m.line} (${m.side === 'before' ? 'avant' : 'après'}) ${m.formula} × ${m.segment} : ${m.why}` }))),
  );
}

function impactColumns(names: ReturnType<typeof codeLabels>): ColDef<ImpactGroup>[] {
  return [
    { headerName: 'Formule', colId: 'formula', valueGetter: (p) => (p.data ? names.formula(p.data.formula) : ''), width: 130, pinned: 'left' },
    { headerName: 'Segment', colId: 'segment', valueGetter: (p) => (p.data ? names.segment(p.data.segment) : ''), width: 220 },
    { headerName: 'Effectif', field: 'count', width: 100, type: 'rightAligned' },
    { headerName: 'Avant / mois', colId: 'b', valueGetter: (p) => euros(p.data?.before.monthlyCents ?? null), width: 140, type: 'rightAligned' },
    { headerName: 'Après / mois', colId: 'a', valueGetter: (p) => euros(p.data?.after.monthlyCents ?? null), width: 140, type: 'rightAligned' },
    deltaColumn<ImpactGroup>('Δ € / mois', 'dm', 120, (g) => deltaEurosText(g?.deltaMonthlyCents ?? null)),
    deltaColumn<ImpactGroup>('Δ € / an', 'da', 120, (g) => deltaEurosText(g?.deltaAnnualCents ?? null)),
    deltaColumn<ImpactGroup>('Δ %', 'dp', 100, (g) => deltaPercentText(g?.deltaPercent ?? null)),
    { headerName: 'Part employeur après / mois', colId: 'ea', valueGetter: (p) => euros(p.data?.after.employerMonthlyCents ?? null), flex: 1, minWidth: 180, type: 'rightAligned' },
  ];
}

/** The employer participation as typed, left out of the request when empty. */
function participationOf(input: HTMLInputElement): { participation?: string } {
  return input.value.trim() ? { participation: input.value.trim() } : {};
}

function deliberationControls() {
  return {
    // the browser's own file button speaks the system's language: a French button opens it instead
    file: h('input', { type: 'file', id: 'deliberation-effectifs', accept: '.csv,.json,text/csv,application/json', hidden: true }),
    fileStatus: h('div', { class: 'slot' }),
    participation: h('input', { type: 'text', id: 'deliberation-participation', placeholder: 'ex. 15', size: 30 }),
    afterRevision: h('input', { type: 'radio', name: 'deliberation-apres', value: 'revision', id: 'deliberation-apres-revision', checked: true }),
    afterVersion: h('input', { type: 'radio', name: 'deliberation-apres', value: 'version', id: 'deliberation-apres-version' }),
    toAt: h('input', { type: 'text', id: 'deliberation-date-apres', placeholder: 'JJ/MM/AAAA', inputMode: 'numeric', size: 12, attrs: { 'aria-label': 'Date de la version après' } }),
    status: h('div', { class: 'slot deliberation-status' }),
    result: h('div', { class: 'impact' }),
    gridEl: h('div', { class: 'grid grid-impact', hidden: true }),
  };
}

type Controls = ReturnType<typeof deliberationControls>;

function deliberationLayout(c: Controls, pick: HTMLButtonElement, impactBtn: HTMLButtonElement, exportBtn: HTMLButtonElement): HTMLElement {
  return h(
    'section',
    { class: 'deliberation card', id: 'deliberation' },
    h('h3', { text: 'Délibération : impact budgétaire' }),
    h(
      'div',
      { class: 'form-row' },
      h('div', { class: 'field' }, h('span', { class: 'field-label', text: 'Fichier des effectifs (CSV ou JSON, 1 Mo au plus)' }), pick, c.file, h('small', { class: 'hint', id: 'deliberation-aide-effectifs', text: 'CSV : formule;segment;effectif[;statut][;tranche], une ligne par formule × segment.' })),
      field('Participation employeur', c.participation, '€ par agent et par mois (ex. 15) ; vide : aucune ; par tranches : bands:remuneration:0-1800=20,1800+=10')),
    c.fileStatus,
    h('fieldset', { class: 'inline' }, h('legend', { text: 'Cotisations après' }), h('label', { class: 'check' }, c.afterRevision, ' la révision composée ci-dessus'), h('label', { class: 'check' }, c.afterVersion, ' la version en vigueur au '), c.toAt),
    h('div', { class: 'actions' }, impactBtn, exportBtn),
    c.status,
    c.result,
  );
}

type Side = Pick<ImpactRequest, 'toAt' | 'components' | 'mode'>;
type Read<T> = { ok: true; value: T } | { ok: false; message: string; focus: HTMLElement };

/** The "after" side: the revision composed above, or a version in force at a date. */
function afterSide(c: Controls, form: ReturnType<typeof revisionForm>): Read<Side> {
  if (c.afterVersion.checked) {
    const d = parseDateFr(c.toAt.value, 'Version après en vigueur au');
    return d.ok ? { ok: true, value: { toAt: d.iso } } : { ok: false, message: d.message, focus: c.toAt };
  }
  const r = form.read();
  if (!r.ok) return r;
  return { ok: true, value: { toAt: r.value.effective, components: r.value.components, mode: r.value.mode } };
}

/** What the impact and the workbook both ask: the product, the "before" date and reference, the "after" side. */
function baseRequest(c: Controls, form: ReturnType<typeof revisionForm>): Read<{ productId: string; fromAt: string; reference?: string } & Side> {
  const r = form.read();
  if (!r.ok) return r;
  const a = afterSide(c, form);
  if (!a.ok) return a;
  return { ok: true, value: { productId: r.value.productId, fromAt: r.value.fromAt, ...(r.value.reference ? { reference: r.value.reference } : {}), ...a.value } };
}

export function deliberationSection(ctx: AppContext, form: ReturnType<typeof revisionForm>): { element: HTMLElement } {
  const c = deliberationControls();
  const { file, fileStatus, participation, status, result, gridEl } = c;
  const pick = button('Choisir le fichier des effectifs…', () => file.click(), { id: 'deliberation-choisir', attrs: { 'aria-describedby': 'deliberation-aide-effectifs' } });
  const impactBtn = button('Calculer l’impact', () => void runImpact(), { class: 'primary', id: 'deliberation-calculer' });
  const exportBtn = button('Exporter le classeur de délibération', () => void exportXlsx(), { id: 'deliberation-exporter', dataset: { command: 'export' } });
  const grid = refillableGrid<ImpactGroup>(gridEl, { theme: compactTheme, getRowId: (p) => `${p.data.formula}|${p.data.segment}`, domLayout: 'autoHeight', defaultColDef: { resizable: true } });
  let headcounts: Headcounts | null = null;

  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    headcounts = null;
    if (!f) return replace(fileStatus);
    pick.textContent = `Fichier : ${f.name} (changer…)`;
    headcounts = await readHeadcounts(f, fileStatus);
  });

  async function runImpact(): Promise<void> {
    if (!headcounts) {
      say(status, 'empty', 'Chargez d’abord le fichier des effectifs (CSV « formule;segment;effectif » ou JSON).');
      pick.focus();
      return;
    }
    const b = baseRequest(c, form);
    if (!b.ok) return sayInvalid(status, b);
    const { reference: _reference, ...rest } = b.value;
    const request: ImpactRequest = { ...rest, headcountsText: headcounts.text, headcountsFormat: headcounts.format, headcountsName: headcounts.name, ...participationOf(participation) };
    const texts = { working: 'Calcul de l’impact…', busy: 'Calcul…', retry: 'Corrigez le fichier des effectifs ou la participation, puis relancez.' };
    const r = await askWithStatus(status, impactBtn, texts, () => ctx.api().impact(request));
    if (!r) return;
    const product = await ctx.catalogue.product(request.productId);
    showImpact(r, codeLabels(product.ok ? product.value : null));
  }

  function showImpact(r: ImpactResult, names: ReturnType<typeof codeLabels>): void {
    replace(status);
    replace(result, h('h4', { text: `Impact : ${r.beforeLabel} → ${r.afterLabel}` }), h('p', { text: `Participation employeur : ${r.participation}` }), missingNotice(r), totalsTable(r));
    gridEl.hidden = false;
    grid.fill(impactColumns(names), r.groups);
    result.append(gridEl);
    const hyp = hypothesesList(r.hypotheses);
    if (hyp) result.append(hyp);
  }

  async function exportXlsx(): Promise<void> {
    const b = baseRequest(c, form);
    if (!b.ok) return sayInvalid(status, b);
    const request: DeliberationRequest = {
      ...b.value,
      ...(headcounts ? { headcounts: { text: headcounts.text, format: headcounts.format, name: headcounts.name } } : {}),
      ...participationOf(participation),
    };
    const answer = await busy(exportBtn, 'Export…', () => ask(() => ctx.api().exportDeliberation(request)));
    sayExported(status, answer, 'Classeur de délibération', 'Corrigez la demande puis relancez l’export.');
  }

  return { element: deliberationLayout(c, pick, impactBtn, exportBtn) };
}
