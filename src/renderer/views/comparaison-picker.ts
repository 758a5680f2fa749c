/** The columns of a comparison: any product × formula (× option), by kind of product. */
import type { CompareRequest, ProductSummaryDto } from '../../shared/api';
import { button, checkbox, h, replace } from '../ui/dom';
import { kindLabels, kindOrder } from '../ui/labels';

export type ColumnChoice = CompareRequest['columns'][number];

interface Choice {
  input: HTMLInputElement;
  column: ColumnChoice;
  productId: string;
}

/** Every column a product offers: its formulas, each with each option when it has options. */
function choicesOf(p: ProductSummaryDto): { label: string; column: ColumnChoice }[] {
  const formulas = p.formulas.filter((f) => f.kind === 'formula');
  const options = p.formulas.filter((f) => f.kind === 'option');
  if (options.length === 0) return formulas.map((f) => ({ label: f.label, column: { productId: p.id, formula: f.code } }));
  return formulas.flatMap((f) => options.map((o) => ({ label: `${f.label} + ${o.label}`, column: { productId: p.id, formula: f.code, option: o.code } })));
}

export function columnPicker(onChange: () => void): {
  element: HTMLElement;
  fill(products: readonly ProductSummaryDto[]): void;
  selected(): ColumnChoice[];
  selectProduct(id: string, only: boolean): void;
} {
  const body = h('div', { class: 'picker-body' });
  let choices: Choice[] = [];
  const setAll = (value: boolean) => {
    for (const c of choices) c.input.checked = value;
    onChange();
  };
  const element = h(
    'div',
    { class: 'picker', attrs: { role: 'group', 'aria-label': 'Colonnes à comparer (produit × formule)' } },
    h('div', { class: 'actions' }, button('Tout sélectionner', () => setAll(true)), button('Tout désélectionner', () => setAll(false))),
    body,
  );

  return {
    element,
    fill(products) {
      const previous = new Set(choices.filter((c) => c.input.checked).map((c) => JSON.stringify(c.column)));
      choices = [];
      const groups = kindOrder
        .map((kind) => ({ kind, list: products.filter((p) => p.kind === kind).sort((a, b) => a.name.localeCompare(b.name, 'fr')) }))
        .filter((g) => g.list.length > 0);
      replace(
        body,
        ...groups.map((g) =>
          h(
            'details',
            { class: 'picker-kind', open: true },
            h('summary', { text: `${kindLabels[g.kind]} (${g.list.length})` }),
            h(
              'ul',
              { class: 'picker-products' },
              ...g.list.map((p) =>
                h(
                  'li',
                  null,
                  h('span', { class: 'picker-product', text: p.name, title: `${p.insurer.name} — ${p.id}` }),
                  h('span', { class: 'picker-insurer', text: p.insurer.name }),
                  h(
                    'span',
                    { class: 'picker-formulas' },
                    ...choicesOf(p).map((c) => {
                      const box = checkbox(c.label, previous.has(JSON.stringify(c.column)), { dataset: { product: p.id }, on: { change: onChange } });
                      box.input.setAttribute('aria-label', `${p.name} — ${c.label}`);
                      choices.push({ input: box.input, column: c.column, productId: p.id });
                      return box.wrap;
                    }),
                  ),
                ),
              ),
            ),
          ),
        ),
      );
    },
    selected: () => choices.filter((c) => c.input.checked).map((c) => c.column),
    selectProduct(id, only) {
      for (const c of choices) {
        if (c.productId === id) c.input.checked = true;
        else if (only) c.input.checked = false;
      }
      onChange();
    },
  };
}
