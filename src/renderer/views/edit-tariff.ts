/**
 * Editing one tariff cell from the Tarifs view (double-click, Entrée, or « Modifier la cellule »): the
 * amount in euros (to integer cents by digits), the source, a comment. And the cells' « sans source »
 * flag and tooltip.
 */
import type { ICellRendererParams } from 'ag-grid-community';
import type { EditAnswer } from '../../shared/api';
import type { ProductFile, TariffCellEntry } from '../../shared/core/catalogue-schema';
import { EDIT_LIMITS } from '../../shared/core/limits';
import type { AppContext } from '../ui/context';
import { openDialog } from '../ui/dialog';
import { field, h } from '../ui/dom';
import { checkEuros, quantityInput } from '../ui/edit-values';
import { sendEdit } from '../ui/edits';
import { codeLabels, periodLabel } from '../ui/labels';
import { commentField, sourceForm } from '../ui/source-form';
import { isUnsourced, UNSOURCED_TIP, unsourcedMark } from '../ui/unsourced';
import { documentChoices } from './edit-product';
import type { TariffRow } from './tariff-table';

/** The cell behind a grid column: "<key>" (one version), "<key>:avant" / "<key>:apres" (two); Δ columns have none. */
export function cellOfColumn(row: TariffRow | undefined, colId: string): TariffCellEntry | null {
  if (!row) return null;
  const m = /^(.*?)(?::(avant|apres|de|dp))?$/.exec(colId);
  if (!m) return null;
  const [, key, part] = m;
  if (part === 'de' || part === 'dp') return null;
  return (part === 'avant' ? row.before : row.cells).get(key!) ?? null;
}

/** The text of an amount cell, with the « sans source » flag (compact in the narrow columns of two versions). */
export function amountCell(getCell: (row: TariffRow | undefined) => TariffCellEntry | null | undefined, compact: boolean) {
  return (p: ICellRendererParams<TariffRow>): HTMLElement | string => {
    const text = String(p.value ?? '');
    const cell = getCell(p.data);
    return isUnsourced(cell?.source) ? h('span', { class: 'amount-flagged' }, text, ' ', unsourcedMark(compact)) : text;
  };
}

/** The tooltip of an amount cell: its source, or the « sans source » warning. */
export function amountTooltip(cell: TariffCellEntry | null | undefined): string | undefined {
  if (!cell) return undefined;
  const s = cell.source;
  const where = isUnsourced(s) ? UNSOURCED_TIP : `${s.section} (l. ${s.lines[0]}–${s.lines[1]}) : « ${s.quote} »`;
  return `${where} — Double-clic ou Entrée pour modifier.`;
}

export function editTariffCell(ctx: AppContext, p: ProductFile, cell: TariffCellEntry): Promise<EditAnswer | null> {
  const names = codeLabels(p);
  const version = p.versions.find((v) => v.code === cell.version);
  const column = [names.formula(cell.formula), cell.option ? names.formula(cell.option) : '', cell.zone].filter(Boolean).join(' + ');
  const amount = h('input', { type: 'text', inputMode: 'decimal', size: 12, value: quantityInput('amountCents', cell.amountCents) });
  const source = sourceForm({ current: cell.source, documents: documentChoices(p) });
  const comment = commentField();
  return openDialog<EditAnswer>({
    title: 'Modifier la cellule de tarif',
    lead: `${p.product.name} — version ${version ? `${version.code} (${version.label})` : cell.version} — ${column} — ${names.segment(cell.segment)}.`,
    className: 'dialog-wide dialog-tariff',
    body: [field(`Montant (€ ${periodLabel(cell.period)})`, amount, 'En euros avec la virgule, ex. 25,14.'), source.element, comment.element],
    submitLabel: 'Enregistrer',
    submit: async (errors) => {
      const a = checkEuros(amount.value, 'Montant', EDIT_LIMITS.tariffCents);
      if (!a.ok) errors.set(amount, a.message);
      const s = source.read(errors);
      const note = comment.read(errors);
      if (!a.ok || s === null || note === null) return { ok: false };
      if (a.value === cell.amountCents && s.mode === 'keep') {
        errors.set(amount, 'Montant : identique au montant actuel ; changez-le, ou la source, ou annulez.');
        return { ok: false };
      }
      return sendEdit(ctx, {
        kind: 'tariffCell',
        productId: p.product.id,
        version: cell.version,
        formula: cell.formula,
        option: cell.option,
        segment: cell.segment,
        zone: cell.zone,
        expectedCents: cell.amountCents,
        amountCents: a.value,
        source: s,
        comment: note,
      });
    },
  });
}
