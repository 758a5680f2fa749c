/**
 * Délibération: the headcounts file (read here with FileReader, 1 Mo at most), the employer
 * participation, the budget impact before/after (computed by the impact service) and the export of
 * the deliberation workbook.
 */
import type { GridApi } from 'ag-grid-community';
import type { DeliberationRequest, ImpactRequest } from '../../shared/api';
import type { ImpactGroup, ImpactResult, SideTotals } from '../../shared/core/impact';
import { formatEuros } from '../../shared/core/money';
import { ask } from '../ui/api';
import { busy } from '../ui/busy';
import type { AppContext } from '../ui/context';
import { parseDateFr } from '../ui/dates';
import { button, field, h, replace } from '../ui/dom';
import { hypothesesList } from '../ui/explain';
import { compactTheme, makeGrid } from '../ui/grid';
import { codeLabels, deltaEurosText, deltaPercentText } from '../ui/labels';
import { errorText, say, sayExported } from '../ui/notice';
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

export function deliberationSection(ctx: AppContext, form: ReturnType<typeof revisionForm>): { element: HTMLElement } {
  // the browser's own file button speaks the system's language: a French button opens it instead
  const file = h('input', { type: 'file', id: 'deliberation-effectifs', accept: '.csv,.json,text/csv,application/json', hidden: true });
  const pick = button('Choisir le fichier des effectifs…', () => file.click(), { id: 'deliberation-choisir', attrs: { 'aria-describedby': 'deliberation-aide-effectifs' } });
  const fileStatus = h('div', { class: 'slot' });
  const participation = h('input', { type: 'text', id: 'deliberation-participation', placeholder: 'ex. 15', size: 30 });
  const afterRevision = h('input', { type: 'radio', name: 'deliberation-apres', value: 'revision', id: 'deliberation-apres-revision', checked: true });
  const afterVersion = h('input', { type: 'radio', name: 'deliberation-apres', value: 'version', id: 'deliberation-apres-version' });
  const toAt = h('input', { type: 'text', id: 'deliberation-date-apres', placeholder: 'JJ/MM/AAAA', inputMode: 'numeric', size: 12, attrs: { 'aria-label': 'Date de la version après' } });
  const impactBtn = button('Calculer l’impact', () => void runImpact(), { class: 'primary', id: 'deliberation-calculer' });
  const exportBtn = button('Exporter le classeur de délibération', () => void exportXlsx(), { id: 'deliberation-exporter', dataset: { command: 'export' } });
  const status = h('div', { class: 'slot deliberation-status' });
  const result = h('div', { class: 'impact' });
  const gridEl = h('div', { class: 'grid grid-impact', hidden: true });
  let headcounts: Headcounts | null = null;
  let grid: GridApi<ImpactGroup> | null = null;

  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    headcounts = null;
    if (!f) return replace(fileStatus);
    pick.textContent = `Fichier : ${f.name} (changer…)`;
    if (f.size > MAX_BYTES) return say(fileStatus, 'error', `${f.name} : fichier trop gros (${Math.ceil(f.size / 1024)} Ko ; 1 Mo au plus).`, 'Gardez une ligne par formule × segment.');
    try {
      const text = await readFile(f);
      headcounts = { text, name: f.name, format: /\.json$/i.test(f.name) ? 'json' : 'csv' };
      const lines = text.split(/\r?\n/).filter((l) => l.trim()).length;
      say(fileStatus, 'ok', `${f.name} chargé (${headcounts.format.toUpperCase()}, ${lines} ligne${lines > 1 ? 's' : ''}).`);
    } catch (e) {
      say(fileStatus, 'error', `${f.name} : lecture impossible (${(e as Error).message}).`, 'Choisissez un autre fichier.');
    }
  });

  /** The "after" side: the revision composed above, or a version in force at a date. */
  function after(): { ok: true; value: Pick<ImpactRequest, 'toAt' | 'components' | 'mode'> } | { ok: false; message: string; focus: HTMLElement } {
    if (afterVersion.checked) {
      const d = parseDateFr(toAt.value, 'Version après en vigueur au');
      return d.ok ? { ok: true, value: { toAt: d.iso } } : { ok: false, message: d.message, focus: toAt };
    }
    const r = form.read();
    if (!r.ok) return r;
    return { ok: true, value: { toAt: r.value.effective, components: r.value.components, mode: r.value.mode } };
  }

  function base(): { ok: true; value: { productId: string; fromAt: string; reference?: string } & Pick<ImpactRequest, 'toAt' | 'components' | 'mode'> } | { ok: false; message: string; focus: HTMLElement } {
    const r = form.read();
    if (!r.ok) return r;
    const a = after();
    if (!a.ok) return a;
    return { ok: true, value: { productId: r.value.productId, fromAt: r.value.fromAt, ...(r.value.reference ? { reference: r.value.reference } : {}), ...a.value } };
  }

  async function runImpact(): Promise<void> {
    if (!headcounts) {
      say(status, 'empty', 'Chargez d’abord le fichier des effectifs (CSV « formule;segment;effectif » ou JSON).');
      pick.focus();
      return;
    }
    const b = base();
    if (!b.ok) {
      say(status, 'error', b.message);
      b.focus.focus();
      return;
    }
    const { reference: _reference, ...rest } = b.value;
    const request: ImpactRequest = { ...rest, headcountsText: headcounts.text, headcountsFormat: headcounts.format, headcountsName: headcounts.name, ...(participation.value.trim() ? { participation: participation.value.trim() } : {}) };
    say(status, 'info', 'Calcul de l’impact…');
    const answer = await busy(impactBtn, 'Calcul…', () => ask(() => ctx.api().impact(request)));
    if (!answer.ok) {
      say(status, 'error', errorText(answer.error), 'Corrigez le fichier des effectifs ou la participation, puis relancez.');
      return;
    }
    const r = answer.value;
    const product = await ctx.catalogue.product(request.productId);
    const names = codeLabels(product.ok ? product.value : null);
    replace(status);
    replace(
      result,
      h('h4', { text: `Impact : ${r.beforeLabel} → ${r.afterLabel}` }),
      h('p', { text: `Participation employeur : ${r.participation}` }),
      r.complete ? null : h('div', { class: 'notice notice-warn' }, h('strong', { text: 'Total incomplet : ' }), 'des cotisations ne sont pas données par la source ; les sommes ci-dessous ne portent que sur les lignes connues.', h('ul', null, ...r.missing.map((m) => h('li', { text: `ligne ${m.line} (${m.side === 'before' ? 'avant' : 'après'}) ${m.formula} × ${m.segment} : ${m.why}` })))),
      totalsTable(r),
    );
    gridEl.hidden = false;
    const defs = [
      { headerName: 'Formule', colId: 'formula', valueGetter: (p: { data?: ImpactGroup }) => (p.data ? names.formula(p.data.formula) : ''), width: 130, pinned: 'left' as const },
      { headerName: 'Segment', colId: 'segment', valueGetter: (p: { data?: ImpactGroup }) => (p.data ? names.segment(p.data.segment) : ''), width: 220 },
      { headerName: 'Effectif', field: 'count' as const, width: 100, type: 'rightAligned' },
      { headerName: 'Avant / mois', colId: 'b', valueGetter: (p: { data?: ImpactGroup }) => euros(p.data?.before.monthlyCents ?? null), width: 140, type: 'rightAligned' },
      { headerName: 'Après / mois', colId: 'a', valueGetter: (p: { data?: ImpactGroup }) => euros(p.data?.after.monthlyCents ?? null), width: 140, type: 'rightAligned' },
      { headerName: 'Δ € / mois', colId: 'dm', valueGetter: (p: { data?: ImpactGroup }) => deltaEurosText(p.data?.deltaMonthlyCents ?? null), width: 120, type: 'rightAligned', cellClass: 'delta' },
      { headerName: 'Δ € / an', colId: 'da', valueGetter: (p: { data?: ImpactGroup }) => deltaEurosText(p.data?.deltaAnnualCents ?? null), width: 120, type: 'rightAligned', cellClass: 'delta' },
      { headerName: 'Δ %', colId: 'dp', valueGetter: (p: { data?: ImpactGroup }) => deltaPercentText(p.data?.deltaPercent ?? null), width: 100, type: 'rightAligned', cellClass: 'delta' },
      { headerName: 'Part employeur après / mois', colId: 'ea', valueGetter: (p: { data?: ImpactGroup }) => euros(p.data?.after.employerMonthlyCents ?? null), flex: 1, minWidth: 180, type: 'rightAligned' },
    ];
    if (!grid) grid = makeGrid<ImpactGroup>(gridEl, { theme: compactTheme, rowData: r.groups, getRowId: (p) => `${p.data.formula}|${p.data.segment}`, columnDefs: defs, domLayout: 'autoHeight', defaultColDef: { resizable: true } });
    else {
      grid.setGridOption('columnDefs', defs);
      grid.setGridOption('rowData', r.groups);
    }
    result.append(gridEl);
    const hyp = hypothesesList(r.hypotheses);
    if (hyp) result.append(hyp);
  }

  async function exportXlsx(): Promise<void> {
    const b = base();
    if (!b.ok) {
      say(status, 'error', b.message);
      b.focus.focus();
      return;
    }
    const request: DeliberationRequest = {
      ...b.value,
      ...(headcounts ? { headcounts: { text: headcounts.text, format: headcounts.format, name: headcounts.name } } : {}),
      ...(participation.value.trim() ? { participation: participation.value.trim() } : {}),
    };
    const answer = await busy(exportBtn, 'Export…', () => ask(() => ctx.api().exportDeliberation(request)));
    sayExported(status, answer, 'Classeur de délibération', 'Corrigez la demande puis relancez l’export.');
  }

  const element = h(
    'section',
    { class: 'deliberation card', id: 'deliberation' },
    h('h3', { text: 'Délibération : impact budgétaire' }),
    h(
      'div',
      { class: 'form-row' },
      h('div', { class: 'field' }, h('span', { class: 'field-label', text: 'Fichier des effectifs (CSV ou JSON, 1 Mo au plus)' }), pick, file, h('small', { class: 'hint', id: 'deliberation-aide-effectifs', text: 'CSV : formule;segment;effectif[;statut][;tranche], une ligne par formule × segment.' })),
      field('Participation employeur', participation, '€ par agent et par mois (ex. 15) ; vide : aucune ; par tranches : bands:remuneration:0-1800=20,1800+=10')),
    fileStatus,
    h('fieldset', { class: 'inline' }, h('legend', { text: 'Cotisations après' }), h('label', { class: 'check' }, afterRevision, ' la révision composée ci-dessus'), h('label', { class: 'check' }, afterVersion, ' la version en vigueur au '), toAt),
    h('div', { class: 'actions' }, impactBtn, exportBtn),
    status,
    result,
  );
  return { element };
}
