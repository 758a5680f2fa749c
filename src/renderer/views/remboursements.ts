/**
 * Remboursements: the standard baskets (a specialist consultation, glasses, a crown, a hearing aid, a hospital
 * stay in a private room) on the santé offers chosen, side by side: what the Sécurité sociale pays, what each
 * formula pays, what is left to pay, in euros, with the steps of the computation on demand. The simulation is
 * the main process's (reimburse); this view only shows its answers (the table: remboursements-table.ts).
 */
import type { ProductSummaryDto, ReimburseListAnswer } from '../../shared/api';
import { formatDateFr } from '../../shared/core/format';
import { ask } from '../ui/api';
import type { AppContext, View } from '../ui/context';
import { checkbox, field, h, replace } from '../ui/dom';
import { errorText, say } from '../ui/notice';
import { viewHead } from '../ui/view-head';
import { NOT_SPECIFIED, offerKey, reimbursementTable, type BasketAnswer, type OfferChoice } from './remboursements-table';

function remboursementsControls() {
  return {
    offersBox: h('div', { class: 'remb-offers', id: 'remb-offres' }),
    dateInput: h('input', { type: 'date', id: 'remb-date' }),
    status: h('div', { class: 'slot', attrs: { 'aria-live': 'polite' } }),
    caption: h('p', { class: 'muted remb-caption' }),
    tableSlot: h('div', { class: 'remb-table-slot' }),
  };
}

type Controls = ReturnType<typeof remboursementsControls>;

function remboursementsLayout(c: Controls): HTMLElement {
  return h(
    'div',
    { class: 'remboursements' },
    viewHead('Remboursements', 'Quelques soins types, en euros : ce que paie la Sécurité sociale, ce que paie chaque formule choisie, ce qui reste à votre charge. Ouvrez « Détail du calcul » pour voir chaque étape.'),
    h('details', { class: 'picker-box', open: true }, h('summary', { text: 'Offres santé à comparer' }), c.offersBox),
    h('div', { class: 'form-row' }, field('Date des soins', c.dateInput, 'vide : aujourd’hui ; choisit les paramètres réglementaires en vigueur')),
    c.status,
    c.caption,
    c.tableSlot,
  );
}

/** The santé products' formulas as boxes to tick; the choices they stand for are returned. */
function offerPicker(offersBox: HTMLElement, products: readonly ProductSummaryDto[], toggled: (choice: OfferChoice, checked: boolean) => void): OfferChoice[] {
  const sante = products.filter((p) => p.kind === 'sante');
  const choices: OfferChoice[] = [];
  const items = sante.map((p) => {
    const boxes = p.formulas
      .filter((f) => f.kind === 'formula')
      .map((f) => {
        const choice: OfferChoice = { productId: p.id, formula: f.code, label: `${p.name} — ${f.label}` };
        choices.push(choice);
        const { wrap, input } = checkbox(f.label, false, { dataset: { offer: offerKey(choice) }, attrs: { 'aria-label': choice.label } });
        input.addEventListener('change', () => toggled(choice, input.checked));
        return wrap;
      });
    return h('li', null, h('span', { class: 'offer-product', text: p.name }), h('span', { class: 'picker-insurer', text: p.insurer.name }), h('span', { class: 'picker-formulas' }, ...boxes));
  });
  if (sante.length === 0) replace(offersBox, h('p', { class: 'muted', text: 'Aucun produit santé dans le catalogue.' }));
  else replace(offersBox, h('ul', { class: 'offer-list' }, ...items));
  return choices;
}

/** Every standard basket simulated on the offers chosen, at the date of the care (null: today). */
function basketAnswers(ctx: AppContext, listing: ReimburseListAnswer, offers: readonly OfferChoice[], date: string | null): Promise<BasketAnswer[]> {
  return Promise.all(
    listing.standard.map(async (b) => ({
      basket: b,
      answer: await ask(() =>
        ctx.api().reimburse({
          offers: offers.map((o) => ({ productId: o.productId, formula: o.formula })),
          basket: b.basket,
          priceCents: b.priceCents,
          quantity: b.quantity,
          optam: b.optam,
          centSante: b.centSante,
          date,
        }),
      ),
    })),
  );
}

/** The first failure in the slot, and the date of the parameters above the table. */
function sayAnswers(c: Controls, answers: readonly BasketAnswer[]): void {
  const failed = answers.find((a) => !a.answer.ok);
  if (failed && !failed.answer.ok) say(c.status, 'error', errorText(failed.answer.error), 'Vérifiez la date des soins, puis réessayez.');
  else replace(c.status);
  const first = answers.find((a) => a.answer.ok);
  c.caption.textContent = first?.answer.ok
    ? `Soins datés du ${formatDateFr(first.answer.value.date)}, paramètres réglementaires en vigueur ce jour-là. « ${NOT_SPECIFIED} » : la source ne donne pas la garantie.`
    : '';
}

export function remboursementsView(ctx: AppContext): View {
  const c = remboursementsControls();
  let listing: ReimburseListAnswer | null = null;
  const choices: OfferChoice[] = [];
  const chosen = new Set<string>();
  let loaded = false;
  let generation = 0;

  async function simulateAll(): Promise<void> {
    const gen = ++generation;
    const offers = choices.filter((o) => chosen.has(offerKey(o)));
    if (!listing) return;
    if (offers.length === 0) {
      say(c.status, 'empty', 'Aucune offre choisie.', 'Cochez une ou plusieurs formules santé ci-dessus.');
      c.caption.textContent = '';
      replace(c.tableSlot);
      return;
    }
    const answers = await basketAnswers(ctx, listing, offers, c.dateInput.value || null);
    if (gen !== generation) return; // a newer choice is on its way
    sayAnswers(c, answers);
    replace(c.tableSlot, reimbursementTable(offers, answers));
  }

  function toggled(choice: OfferChoice, checked: boolean): void {
    if (checked) chosen.add(offerKey(choice));
    else chosen.delete(offerKey(choice));
    void simulateAll();
  }

  async function load(): Promise<void> {
    const [products, list] = await Promise.all([ctx.catalogue.products(), ask(() => ctx.api().reimburseList())]);
    if (!products.ok) return say(c.status, 'error', errorText(products.error), 'Relancez Grille.');
    if (!list.ok) return say(c.status, 'error', errorText(list.error), 'Relancez Grille.');
    loaded = true;
    listing = list.value;
    choices.push(...offerPicker(c.offersBox, products.value, toggled));
    await simulateAll();
  }

  c.dateInput.addEventListener('change', () => void simulateAll());

  return {
    element: remboursementsLayout(c),
    show() {
      if (!loaded) void load();
    },
  };
}
