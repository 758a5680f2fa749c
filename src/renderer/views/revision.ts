/**
 * Révision / Délibération: compose a revision, see its cell-by-cell diff (revision-result.ts), save it as a
 * new version once confirmed (revision-confirm.ts); then the budget impact for a CDG population and the
 * deliberation workbook (deliberation.ts).
 */
import type { ProductSummaryDto, ReviseAnswer, ReviseRequest, RevisionDto } from '../../shared/api';
import { formatDateFr } from '../../shared/core/format';
import { askWithStatus, sayInvalid } from '../ui/ask-status';
import type { AppContext, View } from '../ui/context';
import { button, h } from '../ui/dom';
import { codeLabels } from '../ui/labels';
import { say } from '../ui/notice';
import { productListShow } from '../ui/product-list';
import { viewHead } from '../ui/view-head';
import { deliberationSection } from './deliberation';
import { confirmationText, saveConfirmation } from './revision-confirm';
import { revisionForm, type RevisionInput } from './revision-form';
import { revisionResult } from './revision-result';

/** « product : +x % », the headline of a revision. */
function revisionHeadline(productName: string, r: Pick<RevisionDto, 'totalRateText'>): string {
  return `${productName} : ${r.totalRateText.startsWith('-') ? r.totalRateText : `+${r.totalRateText}`}`;
}

function reviseRequest(v: RevisionInput, save: boolean): ReviseRequest {
  return { productId: v.productId, fromAt: v.fromAt, components: v.components, mode: v.mode, effective: v.effective, save, ...(v.reference ? { reference: v.reference } : {}), ...(v.code ? { code: v.code } : {}) };
}

function savedText(answer: ReviseAnswer): [string, string] {
  if (answer.saved) return [`Version « ${answer.saved.version} » enregistrée dans ${answer.saved.product}, à compter du ${formatDateFr(answer.revision.effectiveFrom)}.`, 'Elle sert désormais aux devis et aux tarifs à partir de cette date.'];
  return ['Révision calculée (non enregistrée).', 'Vérifiez l’écart, puis « Enregistrer comme nouvelle version » si elle est juste.'];
}

function askTexts(save: boolean) {
  return save
    ? { working: 'Enregistrement de la nouvelle version…', busy: 'Enregistrement…', retry: 'Rien n’a été enregistré : corrigez puis relancez.' }
    : { working: 'Calcul de la révision…', busy: 'Calcul…', retry: 'Corrigez la révision puis relancez.' };
}

export function revisionView(ctx: AppContext): View {
  const form = revisionForm();
  const status = h('div', { class: 'slot' });
  const result = revisionResult();
  const computeBtn = button('Calculer la révision', () => void run(false, computeBtn).then(() => confirmation.close()), { class: 'primary', id: 'revision-calculer' });
  const saveBtn = button('Enregistrer comme nouvelle version', () => void prepareSave(), { id: 'revision-enregistrer' });
  const confirmation = saveConfirmation(status, saveBtn, () => void confirmSave());
  let products: ProductSummaryDto[] = [];
  const headline = (r: RevisionDto) => revisionHeadline(products.find((p) => p.id === form.product.value)?.name ?? form.product.value, r);

  // any change of the form after the preview: the confirmation no longer describes what would be saved
  form.element.addEventListener('input', () => confirmation.close());
  form.element.addEventListener('change', () => confirmation.close());

  /** « Enregistrer… »: compute and show the revision, then ask. */
  async function prepareSave(): Promise<void> {
    const answer = await run(false, saveBtn);
    if (answer) confirmation.open(confirmationText(headline(answer.revision), answer.revision));
  }

  async function confirmSave(): Promise<void> {
    if (await run(true, confirmation.confirmBtn)) confirmation.saved();
  }

  async function run(save: boolean, trigger: HTMLButtonElement): Promise<ReviseAnswer | null> {
    const input = form.read();
    if (!input.ok) {
      sayInvalid(status, input);
      return null;
    }
    const v = input.value;
    const answer = await askWithStatus(status, trigger, askTexts(save), () => ctx.api().revise(reviseRequest(v, save)));
    if (!answer) return null;
    const product = await ctx.catalogue.product(v.productId);
    result.show(headline(answer.revision), answer.revision, codeLabels(product.ok ? product.value : null));
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

  return { element: revisionLayout(form.element, [computeBtn, saveBtn], confirmation.element, status, result.elements, deliberationSection(ctx, form).element), show: showView };
}

function revisionLayout(form: HTMLElement, actions: HTMLButtonElement[], confirm: HTMLElement, status: HTMLElement, result: HTMLElement[], deliberation: HTMLElement): HTMLElement {
  return h(
    'div',
    { class: 'revision' },
    viewHead('Révision tarifaire et délibération', 'Composez la révision (composantes et mode), vérifiez l’écart cellule par cellule, enregistrez-la comme nouvelle version ; puis chargez les effectifs pour l’impact budgétaire et le classeur de délibération.'),
    form,
    h('div', { class: 'actions' }, ...actions),
    confirm,
    status,
    ...result,
    deliberation,
  );
}
