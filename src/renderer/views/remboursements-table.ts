/**
 * The table of the Remboursements view: one row per standard basket, the Sécurité sociale's part and then
 * each offer's (complementary, left to pay, the guarantee read), with the steps of each computation folded.
 */
import type { Result } from '../../shared/api';
import { formatEuros } from '../../shared/core/money';
import type { OfferResult, SimulationResult } from '../../shared/core/reimbursement';
import type { StandardBasket } from '../../shared/core/reimbursement-examples';
import { h } from '../ui/dom';
import { errorText } from '../ui/notice';

export const NOT_SPECIFIED = 'non précisé';

export interface OfferChoice {
  productId: string;
  formula: string;
  label: string;
}

export interface BasketAnswer {
  basket: StandardBasket;
  answer: Result<SimulationResult>;
}

export const offerKey = (c: OfferChoice) => `${c.productId}:${c.formula}`;

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

/** A basket's row: its amounts, or the error of its simulation across the row. */
function basketRow({ basket, answer }: BasketAnswer, columns: number): HTMLTableRowElement {
  const label = h('th', { attrs: { scope: 'row' } }, h('div', { text: basket.title }), h('small', { class: 'muted', text: basket.assumption }));
  if (!answer.ok) return h('tr', { dataset: { basket: basket.basket } }, label, h('td', { class: 'remb-error', text: errorText(answer.error), attrs: { colspan: String(columns) } }));
  const r = answer.value;
  return h('tr', { dataset: { basket: basket.basket } }, label, securityCell(r), ...r.offers.map(offerCell));
}

export function reimbursementTable(offers: readonly OfferChoice[], answers: readonly BasketAnswer[]): HTMLTableElement {
  const head = h(
    'tr',
    null,
    h('th', { text: 'Soin', attrs: { scope: 'col' } }),
    h('th', { text: 'Sécurité sociale', attrs: { scope: 'col' } }),
    ...offers.map((o) => h('th', { text: o.label, attrs: { scope: 'col' }, dataset: { offer: offerKey(o) } })),
  );
  const rows = answers.map((a) => basketRow(a, offers.length + 1));
  return h('table', { class: 'simple remb-table', id: 'remb-tableau' }, h('thead', null, head), h('tbody', null, ...rows));
}
