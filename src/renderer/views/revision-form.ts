/** The revision being composed: product, starting version, components (label + rate), mode, date, reference. */
import type { ProductSummaryDto, RevisionComponentDto } from '../../shared/api';
import { parseDateFr } from '../ui/dates';
import { button, field, h, replace } from '../ui/dom';

export interface RevisionInput {
  productId: string;
  fromAt: string;
  components: RevisionComponentDto[];
  mode: 'additive' | 'compound';
  effective: string;
  reference: string | undefined;
  code: string | undefined;
}

type Read<T> = { ok: true; value: T } | { ok: false; message: string; focus: HTMLElement };

export function revisionForm(): { element: HTMLElement; fill(products: readonly ProductSummaryDto[]): void; product: HTMLSelectElement; read(): Read<RevisionInput>; readComponents(): Read<RevisionComponentDto[]> } {
  const product = h('select', { id: 'revision-produit' });
  const fromAt = h('input', { type: 'text', id: 'revision-depart', placeholder: 'JJ/MM/AAAA', inputMode: 'numeric', size: 12 });
  const effective = h('input', { type: 'text', id: 'revision-effet', placeholder: 'JJ/MM/AAAA', inputMode: 'numeric', size: 12, value: `01/01/${new Date().getFullYear() + 1}` });
  const reference = h('input', { type: 'text', id: 'revision-reference', placeholder: 'ex. avenant n°4' });
  const code = h('input', { type: 'text', id: 'revision-code', placeholder: 'revision-AAAA-MM-JJ' });
  const modes = (['additive', 'compound'] as const).map((m) => h('input', { type: 'radio', name: 'revision-mode', value: m, id: `revision-mode-${m}`, checked: m === 'additive' }));
  const list = h('ol', { class: 'components' });
  const rows: { element: HTMLElement; label: HTMLInputElement; rate: HTMLInputElement }[] = [];

  function add(label = '', rate = ''): HTMLInputElement {
    const labelInput = h('input', { type: 'text', class: 'component-label', value: label, placeholder: 'ex. PMSS' });
    const rateInput = h('input', { type: 'text', class: 'component-rate', value: rate, placeholder: 'ex. 1,9', inputMode: 'decimal', size: 8 });
    const row = { element: h('li', { class: 'component' }), label: labelInput, rate: rateInput };
    row.element.append(
      field('Composante', labelInput),
      field('Taux (%)', rateInput),
      button('Retirer', () => {
        if (rows.length === 1) return;
        rows.splice(rows.indexOf(row), 1);
        row.element.remove();
        rows[0]?.label.focus();
      }, { class: 'link remove' }),
    );
    rows.push(row);
    list.append(row.element);
    return labelInput;
  }
  add('PMSS');

  const element = h(
    'fieldset',
    { class: 'revision-form' },
    h('legend', { text: 'Révision à composer' }),
    h('div', { class: 'form-row' }, field('Produit', product), field('Version de départ en vigueur au', fromAt, 'JJ/MM/AAAA')),
    list,
    button('Ajouter une composante', () => add().focus(), { id: 'revision-ajouter' }),
    h(
      'fieldset',
      { class: 'inline' },
      h('legend', { text: 'Mode' }),
      h('label', { class: 'check' }, modes[0]!, ' Additive (taux additionnés : 1,9 % + 4 % = 5,9 %)'),
      h('label', { class: 'check' }, modes[1]!, ' Composée (taux multipliés : 1,019 × 1,04)'),
    ),
    h('div', { class: 'form-row' }, field('Date d’effet de la nouvelle version', effective, 'JJ/MM/AAAA'), field('Référence (facultatif)', reference), field('Code de la version (facultatif)', code)),
  );

  function readComponents(): Read<RevisionComponentDto[]> {
    const components: RevisionComponentDto[] = [];
    for (const [i, r] of rows.entries()) {
      const label = r.label.value.trim();
      const rate = r.rate.value.replace(/[\s\u00a0\u202f%]/g, '');
      if (!label && !rate) continue;
      if (!label) return { ok: false, message: `Composante ${i + 1} : donnez-lui un libellé (ex. PMSS).`, focus: r.label };
      if (!/^[+-]?\d{1,4}([.,]\d{1,6})?$/.test(rate)) return { ok: false, message: `Composante « ${label} » : taux « ${r.rate.value} » illisible ; écrivez un nombre décimal, ex. 1,9 ou -0,5.`, focus: r.rate };
      components.push({ label, rate });
    }
    if (components.length === 0) return { ok: false, message: 'Ajoutez au moins une composante (libellé et taux), ex. PMSS 1,9.', focus: rows[0]!.label };
    return { ok: true, value: components };
  }

  return {
    element,
    product,
    fill(products) {
      const current = product.value;
      replace(product, ...products.map((p) => h('option', { value: p.id, text: p.name })));
      if (products.some((p) => p.id === current)) product.value = current;
    },
    readComponents,
    read() {
      if (!product.value) return { ok: false, message: 'Choisissez un produit qui a une grille de cotisations.', focus: product };
      const from = parseDateFr(fromAt.value, 'Version de départ en vigueur au');
      if (!from.ok) return { ok: false, message: from.message, focus: fromAt };
      const comps = readComponents();
      if (!comps.ok) return comps;
      const eff = parseDateFr(effective.value, 'Date d’effet');
      if (!eff.ok) return { ok: false, message: eff.message, focus: effective };
      const c = code.value.trim();
      if (c && !/^[a-zA-Z0-9_-]+$/.test(c)) return { ok: false, message: `Code de version « ${c} » : lettres, chiffres, - ou _ seulement.`, focus: code };
      return {
        ok: true,
        value: {
          productId: product.value,
          fromAt: from.iso,
          components: comps.value,
          mode: modes[1]!.checked ? 'compound' : 'additive',
          effective: eff.iso,
          reference: reference.value.trim() || undefined,
          code: c || undefined,
        },
      };
    },
  };
}
