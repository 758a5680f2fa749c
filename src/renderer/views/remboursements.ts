/**
 * Remboursements: the standard baskets (a specialist consultation, glasses, a crown, a hearing aid, a hospital
 * stay in a private room) on the santé offers chosen, side by side: what the Sécurité sociale pays, what each
 * formula pays, what is left to pay, in euros, with the steps of the computation on demand. The simulation is
 * the main process's (reimburse); this view only shows its answers.
 */
import type { ProductSummaryDto, ReimburseListAnswer, Result } from '../../shared/api';
import { formatDateFr } from '../../shared/core/format';
import { formatEuros } from '../../shared/core/money';
import type { OfferResult, SimulationResult } from '../../shared/core/reimbursement';
import type { StandardBasket } from '../../shared/core/reimbursement-examples';
import { ask } from '../ui/api';
import type { AppContext, View } from '../ui/context';
import { checkbox, field, h, replace, type Child } from '../ui/dom';
import { errorText, say } from '../ui/notice';

const NOT_SPECIFIED = 'non précisé';

interface OfferChoice {
  productId: string;
  formula: string;
  label: string;
}

/** The steps of a computation, folded: shown when the person opens them. */
function steps(summary: string, lines: readonly string[]): HTMLDetailsElement {
  return h('details', { class: 'remb-steps' }, h('summary', { text: summary }), h('ol', null, ...lines.map((l) => h('li', { text: l }))));
}

function amountLine(label: string, value: string, cls: string): HTMLDivElement {
  return h('div', { class: `remb-amount ${cls}` }, h('span', { class: 'remb-term', text: `${label} : ` }), h('strong', { text: value }));
}

function complementaryText(o: OfferResult): string {
  if (o.complementaryCents !== null) return formatEuros(o.complementaryCents);
  return o.knownComplementaryCents ? `${NOT_SPECIFIED} (au moins ${formatEuros(o.knownComplementaryCents)})` : NOT_SPECIFIED;
}

function offerCell(o: OfferResult): HTMLTableCellElement {
  const guarantees = [...new Set(o.lines.map((l) => l.guarantee?.text ?? NOT_SPECIFIED))].join(' ; ');
  return h(
    'td',
    { class: `remb-offer remb-${o.status}`, dataset: { offer: `${o.productId}:${o.formula.code}` } },
    amountLine('Complémentaire', complementaryText(o), 'remb-comp'),
    amountLine('Reste à charge', o.resteAChargeCents === null ? NOT_SPECIFIED : formatEuros(o.resteAChargeCents), 'remb-rac'),
    h('div', { class: 'muted remb-guarantee', text: `Garantie : ${guarantees}` }),
    steps('Détail du calcul', [...o.steps, ...o.hypotheses.map((x) => `Hypothèse : ${x.text}`)]),
  );
}

function securityCell(r: SimulationResult): HTMLTableCellElement {
  const ss = r.securiteSociale;
  return h(
    'td',
    { class: 'remb-ss' },
    amountLine('Dépense', formatEuros(r.priceCents), 'remb-price'),
    amountLine('Base de remboursement', formatEuros(ss.brCents), 'remb-br'),
    amountLine('Sécurité sociale', formatEuros(ss.netCents), 'remb-ssnet'),
    steps('Détail du calcul', [...r.steps, ...r.hypotheses.map((x) => `Hypothèse : ${x.text}`)]),
  );
}

export function remboursementsView(ctx: AppContext): View {
  const offersBox = h('div', { class: 'remb-offers', id: 'remb-offres' });
  const dateInput = h('input', { type: 'date', id: 'remb-date' });
  const status = h('div', { class: 'slot', attrs: { 'aria-live': 'polite' } });
  const caption = h('p', { class: 'muted remb-caption' });
  const tableSlot = h('div', { class: 'remb-table-slot' });
  const element = h(
    'div',
    { class: 'remboursements' },
    h(
      'div',
      { class: 'view-head' },
      h('h2', { text: 'Remboursements' }),
      h('p', {
        class: 'lead',
        text: 'Quelques soins types, en euros : ce que paie la Sécurité sociale, ce que paie chaque formule choisie, ce qui reste à votre charge. Ouvrez « Détail du calcul » pour voir chaque étape.',
      }),
    ),
    h('details', { class: 'picker-box', open: true }, h('summary', { text: 'Offres santé à comparer' }), offersBox),
    h('div', { class: 'form-row' }, field('Date des soins', dateInput, 'vide : aujourd’hui ; choisit les paramètres réglementaires en vigueur')),
    status,
    caption,
    tableSlot,
  );

  let listing: ReimburseListAnswer | null = null;
  const choices: OfferChoice[] = [];
  const chosen = new Set<string>();
  let loaded = false;
  let generation = 0;

  const keyOf = (c: OfferChoice) => `${c.productId}:${c.formula}`;

  function renderPicker(products: ProductSummaryDto[]): void {
    const sante = products.filter((p) => p.kind === 'sante');
    const items: Child[] = [];
    for (const p of sante) {
      const formulas = p.formulas.filter((f) => f.kind === 'formula');
      const boxes = formulas.map((f) => {
        const choice: OfferChoice = { productId: p.id, formula: f.code, label: `${p.name} — ${f.label}` };
        choices.push(choice);
        const { wrap, input } = checkbox(f.label, false, { dataset: { offer: keyOf(choice) }, attrs: { 'aria-label': choice.label } });
        input.addEventListener('change', () => {
          if (input.checked) chosen.add(keyOf(choice));
          else chosen.delete(keyOf(choice));
          void simulateAll();
        });
        return wrap;
      });
      items.push(h('li', null, h('span', { class: 'offer-product', text: p.name }), h('span', { class: 'picker-insurer', text: p.insurer.name }), h('span', { class: 'picker-formulas' }, ...boxes)));
    }
    if (sante.length === 0) replace(offersBox, h('p', { class: 'muted', text: 'Aucun produit santé dans le catalogue.' }));
    else replace(offersBox, h('ul', { class: 'offer-list' }, ...items));
  }

  async function simulateAll(): Promise<void> {
    const gen = ++generation;
    const offers = choices.filter((c) => chosen.has(keyOf(c)));
    if (!listing) return;
    if (offers.length === 0) {
      say(status, 'empty', 'Aucune offre choisie.', 'Cochez une ou plusieurs formules santé ci-dessus.');
      caption.textContent = '';
      replace(tableSlot);
      return;
    }
    const date = dateInput.value || null;
    const answers = await Promise.all(
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
    if (gen !== generation) return; // a newer choice is on its way
    const failed = answers.find((a) => !a.answer.ok);
    if (failed && !failed.answer.ok) say(status, 'error', errorText(failed.answer.error), 'Vérifiez la date des soins, puis réessayez.');
    else replace(status);
    const first = answers.find((a) => a.answer.ok);
    caption.textContent = first?.answer.ok
      ? `Soins datés du ${formatDateFr(first.answer.value.date)}, paramètres réglementaires en vigueur ce jour-là. « ${NOT_SPECIFIED} » : la source ne donne pas la garantie.`
      : '';
    renderTable(offers, answers);
  }

  function renderTable(offers: OfferChoice[], answers: { basket: StandardBasket; answer: Result<SimulationResult> }[]): void {
    const head = h(
      'tr',
      null,
      h('th', { text: 'Soin', attrs: { scope: 'col' } }),
      h('th', { text: 'Sécurité sociale', attrs: { scope: 'col' } }),
      ...offers.map((o) => h('th', { text: o.label, attrs: { scope: 'col' }, dataset: { offer: keyOf(o) } })),
    );
    const rows = answers.map(({ basket, answer }) => {
      const label = h('th', { attrs: { scope: 'row' } }, h('div', { text: basket.title }), h('small', { class: 'muted', text: basket.assumption }));
      if (!answer.ok) return h('tr', { dataset: { basket: basket.basket } }, label, h('td', { class: 'remb-error', text: errorText(answer.error), attrs: { colspan: String(offers.length + 1) } }));
      const r = answer.value;
      return h('tr', { dataset: { basket: basket.basket } }, label, securityCell(r), ...r.offers.map(offerCell));
    });
    replace(tableSlot, h('table', { class: 'simple remb-table', id: 'remb-tableau' }, h('thead', null, head), h('tbody', null, ...rows)));
  }

  async function load(): Promise<void> {
    const [products, list] = await Promise.all([ctx.catalogue.products(), ask(() => ctx.api().reimburseList())]);
    if (!products.ok) return say(status, 'error', errorText(products.error), 'Relancez Grille.');
    if (!list.ok) return say(status, 'error', errorText(list.error), 'Relancez Grille.');
    loaded = true;
    listing = list.value;
    renderPicker(products.value);
    await simulateAll();
  }

  dateInput.addEventListener('change', () => void simulateAll());

  return {
    element,
    show() {
      if (!loaded) void load();
    },
  };
}
