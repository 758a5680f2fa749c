/**
 * The editing dialogs of one product, opened from its detail: a guarantee (text, status, comparable
 * quantities, conditions), a new guarantee (its category in the taxonomy, label, formulas and versions,
 * and the same value fields), a formula's label, a new formula, a new dated version. Every field is checked
 * here first; the main process checks again and writes the change with its audit row.
 */
import type { EditAnswer, GuaranteeStatusDto, TaxonomyCategoryDto } from '../../shared/api';
import type { GuaranteeEntry, ProductFile } from '../../shared/core/catalogue-schema';
import { quantityKinds } from '../../shared/core/catalogue-schema';
import { formatDateFr, quantityDisplayOrder, type QuantityKind } from '../../shared/core/format';
import { EDIT_LIMITS } from '../../shared/core/limits';
import type { AppContext } from '../ui/context';
import { parseDateFr } from '../ui/dates';
import { openDialog, textArea, type FieldErrors } from '../ui/dialog';
import { button, checkbox, field, h, select } from '../ui/dom';
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
function quantityEditor(g: Pick<GuaranteeEntry, 'quantities' | 'derived'>): { element: HTMLElement; read(errors: FieldErrors): Record<string, number> | null } {
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
    none.hidden = true;
    refreshAdder();
    return input;
  }

  const none = h('p', { class: 'muted', text: 'Aucune quantité pour cette garantie.' });
  const present = (Object.keys(g.quantities) as QuantityKind[]).sort((a, b) => quantityDisplayOrder.indexOf(a) - quantityDisplayOrder.indexOf(b));
  for (const kind of present) addRow(kind, g.quantities[kind] ?? null);
  refreshAdder();
  const element = h(
    'fieldset',
    { class: 'quantities' },
    h('legend', { text: 'Quantités comparables' }),
    h('p', { class: 'hint', text: 'Ce sont elles que la comparaison classe (meilleure / moins bonne colonne) : gardez-les d’accord avec la valeur.' }),
    none,
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

/** The fields of a guarantee's value, shared by « Modifier » and « Ajouter une garantie »: Valeur, Statut, quantities, Conditions. */
function guaranteeValueFields(g: Pick<GuaranteeEntry, 'text' | 'status' | 'quantities' | 'derived' | 'conditions'>): {
  text: HTMLTextAreaElement;
  elements: HTMLElement[];
  read(errors: FieldErrors): { text: string; status: GuaranteeStatusDto; quantities: Record<string, number>; conditions: string | null } | null;
} {
  const text = textArea({ rows: 3, value: g.text });
  const status = select(statusOptions, g.status);
  const quantities = quantityEditor(g);
  const conditions = textArea({ rows: 3, value: g.conditions ?? '' });
  return {
    text,
    elements: [field('Valeur', text, 'Le texte montré dans la comparaison, ex. « 20 h sur 30 jours max. ».'), field('Statut', status), quantities.element, field('Conditions', conditions, 'Facultatif.')],
    read(errors) {
      const t = required(errors, text, 'Valeur', EDIT_LIMITS.text);
      const q = quantities.read(errors);
      if (q && status.value !== 'covered' && Object.keys(q).length) {
        errors.set(status, `Statut : une garantie « ${statusOptions.find((o) => o.value === status.value)?.label} » n’a pas de quantités ; videz-les, ou choisissez « couvert ».`);
      }
      const cond = conditions.value.trim();
      if (cond.length > EDIT_LIMITS.conditions) errors.set(conditions, `Conditions : ${EDIT_LIMITS.conditions} caractères au plus (${cond.length} saisis).`);
      if (t === null || q === null || errors.count > 0) return null;
      return { text: t, status: status.value as GuaranteeStatusDto, quantities: q, conditions: cond || null };
    },
  };
}

export function editGuarantee(ctx: AppContext, p: ProductFile, index: number): Promise<EditAnswer | null> {
  const g = p.guarantees[index]!;
  const value = guaranteeValueFields(g);
  const source = sourceForm({ current: g.source, documents: documentChoices(p) });
  const comment = commentField();
  return openDialog<EditAnswer>({
    title: `Modifier la garantie « ${g.label} »`,
    lead: `${p.product.name} — formules : ${g.formulas.includes('*') ? 'toutes' : g.formulas.join(', ')}.`,
    className: 'dialog-wide dialog-guarantee',
    body: [...value.elements, source.element, comment.element],
    submitLabel: 'Enregistrer',
    submit: async (errors) => {
      const v = value.read(errors);
      const s = source.read(errors);
      const note = comment.read(errors);
      if (v === null || s === null || note === null || errors.count > 0) return { ok: false };
      return sendEdit(ctx, { kind: 'guarantee', productId: p.product.id, index, expectedText: g.text, ...v, source: s, comment: note });
    },
  });
}

/**
 * The taxonomy as the Catégorie field lists it: one group per top-level category (Santé, Assistance…),
 * each category under its parent, indented by its level, siblings in the taxonomy's order.
 */
export function categoryGroups(taxonomy: readonly TaxonomyCategoryDto[]): { key: string; label: string; options: { key: string; label: string; depth: number }[] }[] {
  const byKey = new Map(taxonomy.map((c, i) => [c.key, { ...c, i }]));
  const parentOf = (key: string) => (key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : null);
  const children = new Map<string | null, string[]>();
  for (const c of taxonomy) {
    // a category whose parent is missing is listed under the nearest ancestor the taxonomy has
    let parent = parentOf(c.key);
    while (parent !== null && !byKey.has(parent)) parent = parentOf(parent);
    children.set(parent, [...(children.get(parent) ?? []), c.key]);
  }
  const rank = (k: string) => byKey.get(k)!;
  for (const list of children.values()) {
    list.sort((a, b) => (rank(a).order ?? Number.MAX_SAFE_INTEGER) - (rank(b).order ?? Number.MAX_SAFE_INTEGER) || rank(a).i - rank(b).i);
  }
  return (children.get(null) ?? []).map((top) => {
    const options: { key: string; label: string; depth: number }[] = [];
    const walk = (key: string, depth: number) => {
      options.push({ key, label: rank(key).label, depth });
      for (const child of children.get(key) ?? []) walk(child, depth + 1);
    };
    walk(top, 0);
    return { key: top, label: rank(top).label, options };
  });
}

/** « Toutes » or some of the codes: a checkbox for every one, those unchecked and disabled while « toutes » is. */
function appliesToField(legend: string, allLabel: string, codes: readonly { code: string; label: string }[], className: string): { element: HTMLFieldSetElement; read(errors: FieldErrors): string[] | null } {
  const all = checkbox(allLabel, true, { dataset: { code: '*' } });
  const boxes = codes.map((c) => ({ code: c.code, box: checkbox(c.label === c.code ? c.code : `${c.label} (${c.code})`, false, { dataset: { code: c.code } }) }));
  const sync = () => {
    for (const b of boxes) {
      b.box.input.disabled = all.input.checked;
      if (all.input.checked) b.box.input.checked = false;
    }
  };
  all.input.addEventListener('change', sync);
  sync();
  const element = h('fieldset', { class: `inline-group applies-to ${className}` }, h('legend', { text: legend }), all.wrap, h('span', { class: 'applies-to-codes' }, ...boxes.map((b) => b.box.wrap)));
  return {
    element,
    read(errors) {
      if (all.input.checked) return ['*'];
      const chosen = boxes.filter((b) => b.box.input.checked).map((b) => b.code);
      if (chosen.length) return chosen;
      errors.set(element, `${legend} : cochez « ${allLabel} » ou au moins une case.`);
      return null;
    },
  };
}

export function addGuarantee(ctx: AppContext, p: ProductFile, taxonomy: readonly TaxonomyCategoryDto[]): Promise<EditAnswer | null> {
  const groups = categoryGroups(taxonomy);
  const labels = new Map(taxonomy.map((c) => [c.key, c.label]));
  const category = h(
    'select',
    { class: 'category-select' },
    h('option', { value: '', text: '— choisissez une catégorie —' }),
    ...groups.map((g) =>
      h(
        'optgroup',
        { label: g.label },
        // the level is read from the indent (three no-break spaces a level) and the path under the field
        ...g.options.map((o) => h('option', { value: o.key, text: `${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${o.label}`, title: o.key })),
      ),
    ),
  );
  const label = h('input', { type: 'text', size: 44, placeholder: 'ex. 3.1 Aide à domicile' });
  const categoryField = field('Catégorie', category, 'La ligne de la comparaison où la garantie se lit.');
  const path = categoryField.querySelector('.hint')!;
  // the label follows the category until the person writes their own
  let prefilled = '';
  category.addEventListener('change', () => {
    const next = labels.get(category.value) ?? '';
    if (label.value.trim() === '' || label.value === prefilled) label.value = next;
    prefilled = next;
    // the whole path, since the closed select shows the last level only
    const keys = category.value.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));
    path.textContent = category.value ? `Ligne de la comparaison : ${keys.map((k) => labels.get(k) ?? k).join(' › ')}.` : 'La ligne de la comparaison où la garantie se lit.';
  });
  const formulas = appliesToField('Formules', 'Toutes les formules', p.formulas.map((f) => ({ code: f.code, label: f.kind === 'option' ? `option ${f.label}` : f.label })), 'applies-formulas');
  const versions = appliesToField('Versions', 'Toutes les versions', p.versions.map((v) => ({ code: v.code, label: v.label })), 'applies-versions');
  const value = guaranteeValueFields({ text: '', status: 'covered', quantities: {} });
  const source = sourceForm({ documents: documentChoices(p), initial: 'document' });
  const comment = commentField('Pourquoi cet ajout (facultatif) : ex. garantie lue dans la notice reçue le 12/01');
  return openDialog<EditAnswer>({
    title: 'Ajouter une garantie',
    lead: `${p.product.name} : la garantie s’ajoute après ${p.guarantees.length ? `les ${p.guarantees.length} autres` : 'les autres (aucune pour l’instant)'} ; la comparaison la montre à la ligne de sa catégorie.`,
    className: 'dialog-wide dialog-add-guarantee',
    initialFocus: category,
    body: [
      h('div', { class: 'form-row' }, categoryField, field('Libellé', label, 'Le titre de la garantie dans le document.')),
      h('div', { class: 'form-row applies-row' }, formulas.element, versions.element),
      ...value.elements,
      source.element,
      comment.element,
    ],
    // « Ajouter » alone is the quantity adder's
    submitLabel: 'Ajouter la garantie',
    submit: async (errors) => {
      if (!category.value) errors.set(category, 'Catégorie : choisissez la catégorie de la garantie dans la liste.');
      const l = required(errors, label, 'Libellé', EDIT_LIMITS.label);
      const f = formulas.read(errors);
      const vs = versions.read(errors);
      const v = value.read(errors);
      const s = source.read(errors);
      const note = comment.read(errors);
      if (!category.value || l === null || f === null || vs === null || v === null || s === null || note === null || errors.count > 0) return { ok: false };
      return sendEdit(ctx, { kind: 'addGuarantee', productId: p.product.id, category: category.value, label: l, formulas: f, versions: vs, ...v, source: s, comment: note });
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
