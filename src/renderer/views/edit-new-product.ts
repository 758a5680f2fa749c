/**
 * « Nouveau produit »: its id (a slug of the name, editable), kind, name, insurer (an organisation of
 * the catalogue or a new name), a first formula and a first dated version, the source and a comment.
 */
import type { EditAnswer, ProductSummaryDto } from '../../shared/api';
import type { ProductKind } from '../../shared/core/catalogue-schema';
import type { AppContext } from '../ui/context';
import { parseDateFr } from '../ui/dates';
import { openDialog, type FieldErrors } from '../ui/dialog';
import { field, h, select } from '../ui/dom';
import { slugify } from '../../shared/core/slug';
import { checkCode, checkText } from '../ui/edit-values';
import { sendEdit } from '../ui/edits';
import { kindLabels, kindOrder } from '../ui/labels';
import { commentField, sourceForm } from '../ui/source-form';

const NO_INSURER = '';
const NEW_INSURER = '*nouveau';

/** The organisations the catalogue knows (insurers and distributors), by name. */
export function organisations(products: readonly ProductSummaryDto[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const p of products) {
    seen.set(p.insurer.id, p.insurer.name);
    if (p.distributor) seen.set(p.distributor.id, p.distributor.name);
  }
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export function newProduct(ctx: AppContext, products: readonly ProductSummaryDto[]): Promise<EditAnswer | null> {
  const name = h('input', { type: 'text', size: 44, placeholder: 'ex. Santé Pro Île-de-France' });
  const id = h('input', { type: 'text', size: 32, placeholder: 'ex. sante-pro-ile-de-france' });
  let idEdited = false;
  name.addEventListener('input', () => {
    if (!idEdited) id.value = slugify(name.value);
  });
  id.addEventListener('input', () => {
    idEdited = id.value.trim() !== '';
  });
  const kind = select(kindOrder.map((k) => ({ value: k, label: kindLabels[k] })), 'sante');
  const orgs = organisations(products);
  const insurer = select([{ value: NO_INSURER, label: '— choisissez —' }, ...orgs.map((o) => ({ value: o.id, label: o.name })), { value: NEW_INSURER, label: 'Nouvel assureur…' }], NO_INSURER);
  const insurerName = h('input', { type: 'text', size: 30, placeholder: 'ex. MUTUELLE EXEMPLE' });
  const insurerNameField = field('Nom du nouvel assureur', insurerName);
  const syncInsurer = () => {
    insurerNameField.hidden = insurer.value !== NEW_INSURER;
  };
  insurer.addEventListener('change', syncInsurer);
  syncInsurer();
  const formulaCode = h('input', { type: 'text', size: 14, value: 'base' });
  const formulaLabel = h('input', { type: 'text', size: 30, placeholder: 'ex. Formule unique' });
  const versionCode = h('input', { type: 'text', size: 14, placeholder: `ex. ${new Date().getFullYear()}` });
  const versionLabel = h('input', { type: 'text', size: 30, placeholder: 'ex. Conditions générales 2026' });
  const versionFrom = h('input', { type: 'text', inputMode: 'numeric', size: 12, placeholder: 'JJ/MM/AAAA' });
  const source = sourceForm({ initial: 'document' });
  const comment = commentField();

  const text = (errors: FieldErrors, control: HTMLInputElement, what: string): string | null => {
    const c = checkText(control.value, what, 200);
    if (!c.ok) errors.set(control, c.message);
    return c.ok ? c.value : null;
  };

  return openDialog<EditAnswer>({
    title: 'Nouveau produit',
    lead: 'Le produit est créé avec une formule et une version ; ajoutez ensuite garanties, formules, versions et tarifs depuis sa fiche.',
    className: 'dialog-wide dialog-new-product',
    body: [
      h('div', { class: 'form-row' }, field('Nom du produit', name), field('Identifiant', id, 'Tiré du nom, modifiable : lettres sans accent, chiffres, - ou _.'), field('Type', kind)),
      h('div', { class: 'form-row' }, field('Assureur', insurer), insurerNameField),
      h('fieldset', { class: 'inline-group' }, h('legend', { text: 'Première formule' }), h('div', { class: 'form-row' }, field('Code de la formule', formulaCode), field('Libellé de la formule', formulaLabel))),
      h(
        'fieldset',
        { class: 'inline-group' },
        h('legend', { text: 'Première version' }),
        h('div', { class: 'form-row' }, field('Code de la version', versionCode), field('Libellé de la version', versionLabel), field('Date d’effet', versionFrom, 'JJ/MM/AAAA')),
      ),
      source.element,
      comment.element,
    ],
    submitLabel: 'Créer le produit',
    submit: async (errors) => {
      const n = text(errors, name, 'Nom du produit');
      const idCheck = checkCode(id.value, 'Identifiant', products.map((p) => p.id), 'sante-pro-ile-de-france');
      if (!idCheck.ok) errors.set(id, idCheck.message);
      let ins: { id: string } | { name: string } | null = null;
      if (insurer.value === NO_INSURER) errors.set(insurer, 'Assureur : choisissez une organisation du catalogue, ou « Nouvel assureur… » pour en saisir le nom.');
      else if (insurer.value !== NEW_INSURER) ins = { id: insurer.value };
      else {
        const i = text(errors, insurerName, 'Nom du nouvel assureur');
        if (i !== null) {
          const same = orgs.find((o) => o.name.localeCompare(i, 'fr', { sensitivity: 'base' }) === 0);
          if (same) errors.set(insurerName, `« ${i} » est déjà au catalogue : choisissez-le dans la liste Assureur.`);
          else ins = { name: i };
        }
      }
      const fc = checkCode(formulaCode.value, 'Code de la formule', [], 'base');
      if (!fc.ok) errors.set(formulaCode, fc.message);
      const fl = text(errors, formulaLabel, 'Libellé de la formule');
      const vc = checkCode(versionCode.value, 'Code de la version');
      if (!vc.ok) errors.set(versionCode, vc.message);
      const vl = text(errors, versionLabel, 'Libellé de la version');
      const vf = parseDateFr(versionFrom.value, 'Date d’effet');
      if (!vf.ok) errors.set(versionFrom, vf.message);
      const s = source.read(errors);
      const note = comment.read(errors);
      if (note === null || errors.count > 0 || n === null || !idCheck.ok || ins === null || !fc.ok || fl === null || !vc.ok || vl === null || !vf.ok || s === null) return { ok: false };
      return sendEdit(ctx, {
        kind: 'addProduct',
        id: idCheck.value,
        productKind: kind.value as ProductKind,
        name: n,
        insurer: ins,
        formula: { code: fc.value, label: fl },
        version: { code: vc.value, label: vl, effectiveFrom: vf.iso },
        source: s,
        comment: note,
      });
    },
  });
}
