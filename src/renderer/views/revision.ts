/**
 * Révision / Délibération: compose a revision, see its cell-by-cell diff, save it as a new version; then
 * the budget impact for a CDG population and the deliberation workbook (deliberation.ts).
 */
import type { ColDef, GridApi } from 'ag-grid-community';
import type { ProductSummaryDto, ReviseAnswer, ReviseRequest, RevisionDto } from '../../shared/api';
import type { CellChange } from '../../shared/core/revision';
import { formatDateFr } from '../../shared/core/format';
import { askWithStatus, sayInvalid } from '../ui/ask-status';
import type { AppContext, View } from '../ui/context';
import { button, facts, h, replace } from '../ui/dom';
import { hypothesesList } from '../ui/explain';
import { compactTheme, makeGrid } from '../ui/grid';
import { deltaColumn } from '../ui/grid-rows';
import { sourceWhere } from '../ui/guarantee-lines';
import { amountText, codeLabels, deltaEurosText, deltaPercentText } from '../ui/labels';
import { say } from '../ui/notice';
import { viewHead } from '../ui/view-head';
import { deliberationSection } from './deliberation';
import { revisionForm, type RevisionInput } from './revision-form';
import { productListShow } from '../ui/product-list';

type Names = ReturnType<typeof codeLabels>;

/** « product : +x % », the headline of a revision. */
export function revisionHeadline(productName: string, r: Pick<RevisionDto, 'totalRateText'>): string {
  return `${productName} : ${r.totalRateText.startsWith('-') ? r.totalRateText : `+${r.totalRateText}`}`;
}

function revisionFacts(r: RevisionDto): HTMLDListElement {
  return facts([
    ['Mode', r.mode === 'additive' ? 'additive (taux additionnés)' : 'composée (taux multipliés)'],
    ['Composantes', r.components.map((c) => `${c.label} ${c.rate.replace('.', ',')} %`).join(' + ')],
    ['Facteur', r.factorText],
    ['Version de départ', r.fromVersion ?? '—'],
    ['Date d’effet', formatDateFr(r.effectiveFrom)],
    ['Référence', r.reference ?? ''],
    ['Cellules révisées', String(r.cells.length)],
  ]);
}

/** What the confirmation says will be written. */
function confirmationText(headline: string, r: RevisionDto): string {
  return (
    `${headline} sur ${r.cells.length} cellule(s), à compter du ${formatDateFr(r.effectiveFrom)}` +
    `${r.reference ? ` (référence ${r.reference})` : ''}. La nouvelle version servira aux devis, aux tarifs et aux délibérations à partir de cette date ; ` +
    'elle figurera dans l’historique du produit.'
  );
}

/** The grid's columns; the names are read at each refresh (they follow the product revised last). */
function revisionColumns(names: () => Names): ColDef<CellChange>[] {
  return [
    { headerName: 'Formule', colId: 'formula', valueGetter: (p) => (p.data ? names().formula(p.data.formula) : ''), width: 140, pinned: 'left' },
    { headerName: 'Option', colId: 'option', valueGetter: (p) => (p.data?.option ? names().formula(p.data.option) : ''), width: 110 },
    { headerName: 'Segment', colId: 'segment', valueGetter: (p) => (p.data ? names().segment(p.data.segment) : ''), width: 220 },
    { headerName: 'Avant', colId: 'old', valueGetter: (p) => (p.data ? amountText(p.data.oldCents, p.data.period) : ''), width: 160, type: 'rightAligned' },
    { headerName: 'Après', colId: 'new', valueGetter: (p) => (p.data ? amountText(p.data.newCents, p.data.period) : ''), width: 160, type: 'rightAligned' },
    deltaColumn<CellChange>('Δ €', 'de', 110, (c) => (c ? deltaEurosText(c.deltaCents) : '')),
    deltaColumn<CellChange>('Δ %', 'dp', 110, (c) => (c ? deltaPercentText(c.deltaPercent) : '')),
    { headerName: 'Source de la cellule d’origine', colId: 'src', valueGetter: (p) => (p.data?.previousSource ? sourceWhere(p.data.previousSource) : ''), flex: 1, minWidth: 220, tooltip: (p) => (p.data?.previousSource ? `« ${p.data.previousSource.quote} »` : undefined) },
  ];
}

function reviseRequest(v: RevisionInput, save: boolean): ReviseRequest {
  return { productId: v.productId, fromAt: v.fromAt, components: v.components, mode: v.mode, effective: v.effective, save, ...(v.reference ? { reference: v.reference } : {}), ...(v.code ? { code: v.code } : {}) };
}

/** Saving asks first: the revision is computed and shown, then the person confirms what will be written. */
function confirmBox(confirmBtn: HTMLButtonElement, cancelBtn: HTMLButtonElement): { element: HTMLElement; text: HTMLParagraphElement } {
  const text = h('p', { id: 'revision-confirmation-texte' });
  const element = h(
    'div',
    { class: 'confirm', id: 'revision-confirmation', hidden: true, attrs: { role: 'group', 'aria-labelledby': 'revision-confirmation-titre', 'aria-describedby': text.id } },
    h('h3', { id: 'revision-confirmation-titre', text: 'Enregistrer cette révision comme nouvelle version ?' }),
    text,
    h('div', { class: 'actions' }, confirmBtn, cancelBtn),
  );
  return { element, text };
}

function savedText(answer: ReviseAnswer): [string, string] {
  if (answer.saved) return [`Version « ${answer.saved.version} » enregistrée dans ${answer.saved.product}, à compter du ${formatDateFr(answer.revision.effectiveFrom)}.`, 'Elle sert désormais aux devis et aux tarifs à partir de cette date.'];
  return ['Révision calculée (non enregistrée).', 'Vérifiez l’écart, puis « Enregistrer comme nouvelle version » si elle est juste.'];
}

export function revisionView(ctx: AppContext): View {
  const form = revisionForm();
  const computeBtn = button('Calculer la révision', () => void run(false, computeBtn).then(() => closeConfirm()), { class: 'primary', id: 'revision-calculer' });
  const saveBtn = button('Enregistrer comme nouvelle version', () => void prepareSave(), { id: 'revision-enregistrer' });
  const status = h('div', { class: 'slot' });
  const confirmBtn = button('Confirmer l’enregistrement', () => void confirmSave(), { class: 'primary', id: 'revision-confirmer' });
  const cancelBtn = button('Ne pas enregistrer', () => closeConfirm('Rien n’a été enregistré.'), { id: 'revision-ne-pas-enregistrer' });
  const { element: confirm, text: confirmText } = confirmBox(confirmBtn, cancelBtn);
  const summary = h('div', { class: 'revision-summary' });
  const gridEl = h('div', { class: 'grid grid-revision', id: 'revision-grille', hidden: true });
  const explain = h('div');
  const deliberation = deliberationSection(ctx, form);
  const element = h(
    'div',
    { class: 'revision' },
    viewHead('Révision tarifaire et délibération', 'Composez la révision (composantes et mode), vérifiez l’écart cellule par cellule, enregistrez-la comme nouvelle version ; puis chargez les effectifs pour l’impact budgétaire et le classeur de délibération.'),
    form.element,
    h('div', { class: 'actions' }, computeBtn, saveBtn),
    confirm,
    status,
    summary,
    gridEl,
    explain,
    deliberation.element,
  );

  let grid: GridApi<CellChange> | null = null;
  let products: ProductSummaryDto[] = [];

  let names = codeLabels(null);

  const headline = (r: RevisionDto) => revisionHeadline(products.find((p) => p.id === form.product.value)?.name ?? form.product.value, r);

  function showCells(rows: CellChange[]): void {
    gridEl.hidden = false;
    if (!grid) {
      grid = makeGrid<CellChange>(gridEl, {
        theme: compactTheme,
        rowData: rows,
        getRowId: (p) => `${p.data.formula}|${p.data.option}|${p.data.segment}|${p.data.zone}|${p.data.period}`,
        domLayout: 'autoHeight',
        defaultColDef: { resizable: true, sortable: true },
        columnDefs: revisionColumns(() => names),
      });
    } else {
      grid.setGridOption('rowData', rows);
      grid.refreshCells({ force: true });
    }
    grid.setColumnsVisible(['option'], rows.some((c) => c.option !== ''));
  }

  function show(answer: ReviseAnswer): void {
    const r = answer.revision;
    replace(summary, h('h3', { text: headline(r) }), revisionFacts(r));
    showCells(r.cells);
    replace(explain, hypothesesList(r.hypotheses));
  }

  function closeConfirm(message?: string): void {
    if (confirm.hidden) return;
    confirm.hidden = true;
    if (message) say(status, 'info', message, 'Modifiez la révision ou enregistrez-la quand elle est juste.');
    saveBtn.focus();
  }
  // any change of the form after the preview: the confirmation no longer describes what would be saved
  form.element.addEventListener('input', () => closeConfirm());
  form.element.addEventListener('change', () => closeConfirm());

  /** « Enregistrer… »: compute and show the revision, then ask. */
  async function prepareSave(): Promise<void> {
    const answer = await run(false, saveBtn);
    if (!answer) return;
    confirmText.textContent = confirmationText(headline(answer.revision), answer.revision);
    confirm.hidden = false;
    say(status, 'info', 'Vérifiez l’écart ci-dessous, puis confirmez l’enregistrement.');
    confirmBtn.focus();
  }

  async function confirmSave(): Promise<void> {
    const answer = await run(true, confirmBtn);
    if (answer) {
      confirm.hidden = true;
      saveBtn.focus();
    }
  }

  async function run(save: boolean, trigger: HTMLButtonElement): Promise<ReviseAnswer | null> {
    const input = form.read();
    if (!input.ok) {
      sayInvalid(status, input);
      return null;
    }
    const v = input.value;
    const texts = save
      ? { working: 'Enregistrement de la nouvelle version…', busy: 'Enregistrement…', retry: 'Rien n’a été enregistré : corrigez puis relancez.' }
      : { working: 'Calcul de la révision…', busy: 'Calcul…', retry: 'Corrigez la révision puis relancez.' };
    const answer = await askWithStatus(status, trigger, texts, () => ctx.api().revise(reviseRequest(v, save)));
    if (!answer) return null;
    const product = await ctx.catalogue.product(v.productId);
    names = codeLabels(product.ok ? product.value : null);
    show(answer);
    say(status, 'ok', ...savedText(answer));
    if (answer.saved) ctx.catalogue.invalidate();
    return answer;
  }

  const showView = productListShow(ctx, status, {
    fill: (list, wanted) => {
      products = list.filter((p) => p.tariffCellCount > 0);
      if (products.length === 0) say(status, 'empty', 'Aucun produit du catalogue n’a de grille de cotisations à réviser.');
      form.fill(products);
      if (wanted && products.some((p) => p.id === wanted)) form.product.value = wanted;
    },
    select: (id) => {
      form.product.value = id;
    },
  });

  return { element, show: showView };
}
