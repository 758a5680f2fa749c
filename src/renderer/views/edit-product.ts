/**
 * The editing dialogs of one product, opened from its detail: a guarantee (text, status, comparable
 * quantities, conditions), a formula's label, a new formula, a new dated version. Every field is checked
 * here first; the main process checks again and writes the change with its audit row.
 */
import type { EditAnswer, GuaranteeStatusDto } from '../../shared/api';
import type { GuaranteeEntry, ProductFile } from '../../shared/core/catalogue-schema';
import { quantityKinds } from '../../shared/core/catalogue-schema';
import { formatDateFr, quantityDisplayOrder, type QuantityKind } from '../../shared/core/format';
import type { AppContext } from '../ui/context';
import { parseDateFr } from '../ui/dates';
import { openDialog, textArea, type FieldErrors } from '../ui/dialog';
import { button, field, h, select } from '../ui/dom';
import { checkCode, checkQuantity, checkText, quantityFieldLabel, quantityInput } from '../ui/edit-values';
import { sendEdit } from '../ui/edits';
import { commentField, sourceForm } from '../ui/source-form';

export const statusOptions: { value: GuaranteeStatusDto; label: string }[] = [
  { value: 'covered', label: 'couvert' },
  { value: 'not_covered', label: 'non couvert' },
  { value: 'unspecified', label: 'non précisé' },
];

/** The product's documents for the Document field, one per file. */
export function documentChoices(p: ProductFile): { file: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const d of p.documents) if (!seen.has(d.file)) seen.set(d.file, d.title);
  return [...seen].map(([file, title]) => ({ file, title }));
}

/** Reads a required text field, its message next to it. */
function required(errors: FieldErrors, control: HTMLInputElement | HTMLTextAreaElement, what: string, max?: number): string | null {
  const c = checkText(control.value, what, max);
  if (c.ok) return c.value;
  errors.set(control, c.message);
  return null;
}

function code(errors: FieldErrors, control: HTMLInputElement, what: string, taken: readonly string[], example?: string): string | null {
  const c = checkCode(control.value, what, taken, example);
  if (c.ok) return c.value;
  errors.set(control, c.message);
  return null;
}

/** The comparable quantities of a guarantee: one field per quantity present, and a way to add one. */
function quantityEditor(g: GuaranteeEntry): { element: HTMLElement; read(errors: FieldErrors): Record<string, number> | null } {
  const rows = new Map<QuantityKind, HTMLInputElement>();
  const list = h('div', { class: 'quantity-fields' });
  const derived = new Set(g.derived ?? []);
  const addSel = select([]);
  const addBtn = button('Ajouter', () => {
    const kind = addSel.value as QuantityKind;
    if (!kind) return;
    addRow(kind, null).focus();
  });
  const adder = h('div', { class: 'form-row quantity-add' }, field('Ajouter une quantité comparable', addSel), addBtn);

  function refreshAdder(): void {
    const free = quantityDisplayOrder.concat(quantityKinds.filter((k) => !quantityDisplayOrder.includes(k))).filter((k) => !rows.has(k));
    addSel.replaceChildren(...free.map((k) => h('option', { value: k, text: quantityFieldLabel(k) })));
    adder.hidden = free.length === 0;
  }

  function addRow(kind: QuantityKind, value: number | null): HTMLInputElement {
    const input = h('input', { type: 'text', inputMode: 'decimal', size: 10, value: value === null ? '' : quantityInput(kind, value), dataset: { quantity: kind } });
    const hints = ['Vide : la quantité est retirée.'];
    if (kind.endsWith('Cents')) hints.unshift('En euros, ex. 25,14.');
    if (derived.has(kind)) hints.unshift('Déduite du texte du document.');
    list.append(field(quantityFieldLabel(kind), input, hints.join(' ')));
    rows.set(kind, input);
    refreshAdder();
    return input;
  }

  const present = (Object.keys(g.quantities) as QuantityKind[]).sort((a, b) => quantityDisplayOrder.indexOf(a) - quantityDisplayOrder.indexOf(b));
  for (const kind of present) addRow(kind, g.quantities[kind] ?? null);
  refreshAdder();
  const element = h(
    'fieldset',
    { class: 'quantities' },
    h('legend', { text: 'Quantités comparables' }),
    h('p', { class: 'hint', text: 'Ce sont elles que la comparaison classe (meilleure / moins bonne colonne) : gardez-les d’accord avec la valeur.' }),
    present.length ? null : h('p', { class: 'muted', text: 'Aucune quantité pour cette garantie.' }),
    list,
    adder,
  );
  return {
    element,
    read(errors) {
      const out: Record<string, number> = {};
      let ok = true;
      for (const [kind, input] of rows) {
        const c = checkQuantity(kind, input.value);
        if (!c.ok) {
          errors.set(input, c.message);
          ok = false;
        } else if (c.value !== null) out[kind] = c.value;
      }
      return ok ? out : null;
    },
  };
}

export function editGuarantee(ctx: AppContext, p: ProductFile, index: number): Promise<EditAnswer | null> {
  const g = p.guarantees[index]!;
  const text = textArea({ rows: 3, value: g.text });
  const status = select(statusOptions, g.status);
  const quantities = quantityEditor(g);
  const conditions = textArea({ rows: 3, value: g.conditions ?? '' });
  const source = sourceForm({ current: g.source, documents: documentChoices(p) });
  const comment = commentField();
  return openDialog<EditAnswer>({
    title: `Modifier la garantie « ${g.label} »`,
    lead: `${p.product.name} — formules : ${g.formulas.includes('*') ? 'toutes' : g.formulas.join(', ')}.`,
    className: 'dialog-wide dialog-guarantee',
    body: [
      field('Valeur', text, 'Le texte montré dans la comparaison, ex. « 20 h sur 30 jours max. ».'),
      field('Statut', status),
      quantities.element,
      field('Conditions', conditions, 'Facultatif.'),
      source.element,
      comment.element,
    ],
    submitLabel: 'Enregistrer',
    submit: async (errors) => {
      const t = required(errors, text, 'Valeur', 500);
      const q = quantities.read(errors);
      if (q && status.value !== 'covered' && Object.keys(q).length) {
        errors.set(status, `Statut : une garantie « ${statusOptions.find((o) => o.value === status.value)?.label} » n’a pas de quantités ; videz-les, ou choisissez « couvert ».`);
      }
      const cond = conditions.value.trim();
      if (cond.length > 2000) errors.set(conditions, `Conditions : 2 000 caractères au plus (${cond.length} saisis).`);
      const s = source.read(errors);
      const note = comment.read(errors);
      if (t === null || q === null || s === null || note === null || errors.count > 0) return { ok: false };
      return sendEdit(ctx, {
        kind: 'guarantee',
        productId: p.product.id,
        index,
        expectedText: g.text,
        text: t,
        status: status.value as GuaranteeStatusDto,
        quantities: q,
        conditions: cond || null,
        source: s,
        comment: note,
      });
    },
  });
}

export function renameFormula(ctx: AppContext, p: ProductFile, formulaCode: string): Promise<EditAnswer | null> {
  const f = p.formulas.find((x) => x.code === formulaCode)!;
  const label = h('input', { type: 'text', value: f.label, size: 40 });
  const comment = commentField();
  return openDialog<EditAnswer>({
    title: `Renommer la ${f.kind === 'option' ? 'option' : 'formule'} « ${f.label} »`,
    lead: `Code ${f.code} (inchangé : les tarifs et les garanties y restent attachés).`,
    className: 'dialog-rename',
    body: [field('Nouveau libellé', label), comment.element],
    submitLabel: 'Renommer',
    submit: async (errors) => {
      const l = required(errors, label, 'Nouveau libellé', 200);
      if (l !== null && l === f.label) errors.set(label, 'Nouveau libellé : identique au libellé actuel ; changez-le ou annulez.');
      const same = l === null ? undefined : p.formulas.find((x) => x.code !== f.code && x.label === l);
      if (same) errors.set(label, `Nouveau libellé : « ${l} » est déjà celui de ${same.kind === 'option' ? 'l’option' : 'la formule'} ${same.code} ; deux colonnes porteraient le même nom.`);
      const note = comment.read(errors);
      if (l === null || note === null || errors.count > 0) return { ok: false };
      return sendEdit(ctx, { kind: 'formulaLabel', productId: p.product.id, formula: f.code, expectedLabel: f.label, label: l, comment: note });
    },
  });
}

export function addFormula(ctx: AppContext, p: ProductFile): Promise<EditAnswer | null> {
  const codeInput = h('input', { type: 'text', size: 20, placeholder: 'ex. renforcee-plus' });
  const label = h('input', { type: 'text', size: 40, placeholder: 'ex. Renforcée +' });
  const kind = select([
    { value: 'formula', label: 'formule' },
    { value: 'option', label: 'option' },
  ]);
  const source = sourceForm({ documents: documentChoices(p) });
  const comment = commentField();
  return openDialog<EditAnswer>({
    title: 'Ajouter une formule',
    lead: `${p.product.name} : la formule est ajoutée sans garantie ni tarif ; complétez-la ensuite.`,
    className: 'dialog-wide dialog-add-formula',
    body: [h('div', { class: 'form-row' }, field('Code', codeInput, 'Lettres sans accent, chiffres, - ou _.'), field('Libellé', label), field('Nature', kind)), source.element, comment.element],
    submitLabel: 'Ajouter',
    submit: async (errors) => {
      const c = code(errors, codeInput, 'Code', p.formulas.map((f) => f.code), 'renforcee-plus');
      const l = required(errors, label, 'Libellé', 200);
      const same = l === null ? undefined : p.formulas.find((x) => x.label === l);
      if (same) errors.set(label, `Libellé : « ${l} » est déjà celui de ${same.kind === 'option' ? 'l’option' : 'la formule'} ${same.code}.`);
      const s = source.read(errors);
      const note = comment.read(errors);
      if (c === null || l === null || s === null || note === null || errors.count > 0) return { ok: false };
      return sendEdit(ctx, { kind: 'addFormula', productId: p.product.id, code: c, label: l, formulaKind: kind.value === 'option' ? 'option' : 'formula', source: s, comment: note });
    },
  });
}

export function addVersion(ctx: AppContext, p: ProductFile): Promise<EditAnswer | null> {
  const withTariffs = p.versions.filter((v) => p.tariffs.some((c) => c.version === v.code));
  const latest = p.versions[p.versions.length - 1];
  const nextYear = latest?.effectiveFrom ? Number(latest.effectiveFrom.slice(0, 4)) + 1 : new Date().getFullYear() + 1;
  const codeInput = h('input', { type: 'text', size: 16, placeholder: `ex. ${nextYear}` });
  const label = h('input', { type: 'text', size: 36, placeholder: `ex. Tarifs ${nextYear}` });
  const from = h('input', { type: 'text', inputMode: 'numeric', size: 12, placeholder: 'JJ/MM/AAAA' });
  const to = h('input', { type: 'text', inputMode: 'numeric', size: 12, placeholder: 'JJ/MM/AAAA' });
  const reference = h('input', { type: 'text', size: 30, placeholder: 'ex. avenant n°4' });
  const copy = select([{ value: '', label: '— aucune (pas de tarif) —' }, ...withTariffs.map((v) => ({ value: v.code, label: `${v.code} : ${v.label}${v.effectiveFrom ? ` (dès le ${formatDateFr(v.effectiveFrom)})` : ''}` }))], withTariffs[withTariffs.length - 1]?.code ?? '');
  const source = sourceForm({ documents: documentChoices(p) });
  const comment = commentField();
  return openDialog<EditAnswer>({
    title: 'Ajouter une version',
    lead: `${p.product.name} : une version datée (un nouveau millésime de tarifs, un avenant).`,
    className: 'dialog-wide dialog-add-version',
    body: [
      h('div', { class: 'form-row' }, field('Code', codeInput, 'ex. 2027 ; lettres, chiffres, - ou _.'), field('Libellé', label)),
      h('div', { class: 'form-row' }, field('Date d’effet', from, 'JJ/MM/AAAA'), field('Date de fin (facultatif)', to, 'JJ/MM/AAAA'), field('Référence (facultatif)', reference)),
      field('Copier les tarifs de', copy, 'Les montants sont recopiés tels quels, à modifier ensuite dans la vue Tarifs.'),
      source.element,
      comment.element,
    ],
    submitLabel: 'Ajouter',
    submit: async (errors) => {
      const c = code(errors, codeInput, 'Code', p.versions.map((v) => v.code));
      const l = required(errors, label, 'Libellé', 200);
      const f = parseDateFr(from.value, 'Date d’effet');
      if (!f.ok) errors.set(from, f.message);
      let end: string | null = null;
      if (to.value.trim()) {
        const t = parseDateFr(to.value, 'Date de fin');
        if (!t.ok) errors.set(to, t.message);
        else if (f.ok && t.iso < f.iso) errors.set(to, `Date de fin : le ${formatDateFr(t.iso)} est avant la date d’effet (${formatDateFr(f.iso)}).`);
        else end = t.iso;
      }
      const s = source.read(errors);
      const note = comment.read(errors);
      if (c === null || l === null || !f.ok || s === null || note === null || errors.count > 0) return { ok: false };
      return sendEdit(ctx, {
        kind: 'addVersion',
        productId: p.product.id,
        code: c,
        label: l,
        effectiveFrom: f.iso,
        effectiveTo: end,
        reference: reference.value.trim() || null,
        copyTariffsFrom: copy.value || null,
        source: s,
        comment: note,
      });
    },
  });
}
