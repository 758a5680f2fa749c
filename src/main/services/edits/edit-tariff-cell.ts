/** Edit one tariff cell's amount (integer cents: docs/RULINGS.md, règle 1) and source, named by its natural key. */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { SourceChoice } from '../../../shared/api';
import type { ProductFile, Source } from '../../../shared/core/catalogue-schema';
import { EDIT_LIMITS } from '../../../shared/core/limits';
import { formatEuros } from '../../../shared/core/money';
import { quoteShowsNumber } from '../../../shared/core/provenance';
import { GrilleError } from '../../../shared/errors';
import { code } from '../../../shared/request-fields';
import type { Db } from '../../store/open';
import { updateTariffCell, type CellKey } from '../../store/writer-edit';
import { comment, invalid, requireProduct, stale } from './checks';
import { difference, list, productName } from './describe';
import { editKind, type EditOptions } from './kind';
import { cents, editComment, productId, sourceChoice, text } from './payload';
import { citedSource, isComputed, isUnsourced, unsourced } from './sources';
import { storedCellKey, storedSource } from './stored';

export const editTariffCellPayload = z
  .object({
    kind: z.literal('tariffCell'),
    productId,
    version: code,
    formula: code,
    option: z.union([code, z.literal('')]),
    segment: code,
    zone: text(100),
    expectedCents: cents(Number.MAX_SAFE_INTEGER),
    amountCents: cents(EDIT_LIMITS.tariffCents),
    source: sourceChoice,
    comment: editComment,
  })
  .strict();

/** A cell's amount and source in the audit row, before and after the edit. */
export const cellValueSchema = z
  .object({ ...storedCellKey, amountCents: z.number().int(), source: storedSource })
  .strict();
type CellValue = z.infer<typeof cellValueSchema>;

const keyOf = (k: CellKey): CellKey => ({ version: k.version, formula: k.formula, option: k.option, segment: k.segment, zone: k.zone });
const sameKey = (t: CellKey, k: CellKey) => t.version === k.version && t.formula === k.formula && t.option === k.option && t.segment === k.segment && t.zone === k.zone;

function cellWhere(p: ProductFile, k: CellKey): string {
  const v = p.versions.find((x) => x.code === k.version);
  const f = p.formulas.find((x) => x.code === k.formula);
  const o = k.option ? p.formulas.find((x) => x.code === k.option) : null;
  const s = p.segments.find((x) => x.code === k.segment);
  return [
    `version ${v ? `« ${v.label} »` : k.version}`,
    `formule ${f ? `« ${f.label} »` : k.formula}`,
    ...(k.option ? [`option ${o ? `« ${o.label} »` : k.option}`] : []),
    `segment ${s ? `« ${s.label} »` : k.segment}`,
    ...(k.zone ? [`zone ${k.zone}`] : []),
  ].join(', ');
}

function findCell(p: ProductFile, k: CellKey, whereProduct: string): ProductFile['tariffs'][number] {
  const cell = p.tariffs.find((t) => sameKey(t, k));
  if (cell) return cell;
  const missing: string[] = [];
  if (!p.versions.some((v) => v.code === k.version)) missing.push(`version « ${k.version} » inconnue (versions : ${list(p.versions.map((v) => v.code))})`);
  if (!p.formulas.some((f) => f.code === k.formula && f.kind === 'formula')) missing.push(`formule « ${k.formula} » inconnue (formules : ${list(p.formulas.filter((f) => f.kind === 'formula').map((f) => f.code))})`);
  if (k.option && !p.formulas.some((f) => f.code === k.option && f.kind === 'option')) missing.push(`option « ${k.option} » inconnue`);
  if (!p.segments.some((s) => s.code === k.segment)) missing.push(`segment « ${k.segment} » inconnu (segments : ${list(p.segments.map((s) => s.code))})`);
  throw new GrilleError('NOT_FOUND', `${whereProduct} : cellule de tarif introuvable (${missing.length ? missing.join(' ; ') : `aucun montant pour ${k.version}/${k.formula}${k.option ? `/${k.option}` : ''}/${k.segment}${k.zone ? `/${k.zone}` : ''} : tarif non précisé ; importez une table CSV pour l’ajouter`}).`);
}

/** The source the new amount is written with: a kept quote must show it, a computed one cannot be kept for another amount. */
function sourceOfCell(cell: ProductFile['tariffs'][number], choice: SourceChoice, amountCents: number, where: string, options: EditOptions): Source {
  const changed = amountCents !== cell.amountCents;
  const mustShow = (quote: string, how: string) => {
    if (!quoteShowsNumber(quote, amountCents / 100)) {
      throw invalid(`${where} : ${formatEuros(amountCents)} n’apparaît pas dans ${how} « ${quote} » ; citez le passage du document qui donne ce montant, ou choisissez « sans source ».`);
    }
  };
  if (choice.mode === 'document') {
    const source = citedSource(choice, where);
    mustShow(source.quote, 'la citation');
    return source;
  }
  if (choice.mode === 'none') return unsourced(options.today);
  if (isUnsourced(cell.source)) return changed ? unsourced(options.today) : cell.source;
  if (isComputed(cell.source)) {
    if (changed) throw invalid(`${where} : ce montant a été calculé par Grille (révision) ; un autre montant ne peut pas garder cette source : citez un document ou choisissez « sans source ».`);
  } else if (changed) mustShow(cell.source.quote, 'la citation gardée');
  return cell.source;
}

function writeCell(db: Db, productId: string, v: CellValue): void {
  if (!updateTariffCell(db, productId, keyOf(v), v.amountCents, v.source)) throw new GrilleError('NOT_FOUND', `${productId} : cellule de tarif introuvable.`);
}

export const editTariffCell = editKind({
  kind: 'tariffCell',
  action: 'edit.tariffCell',
  payload: editTariffCellPayload,
  stored: { oldValue: cellValueSchema, newValue: cellValueSchema },
  plan: (view, e, options) => {
    const p = requireProduct(view, e.productId);
    const key = keyOf(e);
    const cell = findCell(p, key, productName(p));
    const where = `${productName(p)}, tarif ${cellWhere(p, key)}`;
    if (cell.amountCents !== e.expectedCents) throw stale(where, `montant enregistré ${formatEuros(cell.amountCents)}, affiché ${formatEuros(e.expectedCents)}`);
    if (!Number.isSafeInteger(e.amountCents) || e.amountCents < 0) throw invalid(`${where} : montant en centimes entier et positif attendu (reçu ${e.amountCents}).`);
    if (e.amountCents > EDIT_LIMITS.tariffCents) throw invalid(`${where} : montant invraisemblable (${formatEuros(e.amountCents)}, ${formatEuros(EDIT_LIMITS.tariffCents)} au plus) ; les montants sont en centimes.`);
    const source = sourceOfCell(cell, e.source, e.amountCents, where, options);
    const before: CellValue = { ...key, amountCents: cell.amountCents, source: cell.source };
    const after: CellValue = { ...key, amountCents: e.amountCents, source };
    if (isDeepStrictEqual(before, after)) throw invalid(`${where} : rien n’a changé (même montant, même source).`);
    return {
      action: 'edit.tariffCell',
      productId: p.product.id,
      what: `Tarif de ${productName(p)}, ${cellWhere(p, key)} : ${formatEuros(cell.amountCents)} → ${formatEuros(e.amountCents)}${isUnsourced(source) ? ' (sans source)' : ''}`,
      oldValue: before,
      newValue: after,
      comment: comment(e.comment),
    };
  },
  write: (db, plan) => writeCell(db, plan.productId, plan.newValue),
  undo: ({ db, productId, before, after, current, refuse }) => {
    const p = current();
    const key = keyOf(after);
    const cell = p.tariffs.find((t) => sameKey(t, key));
    if (!cell) throw refuse(`la cellule ${cellWhere(p, key)} n’existe plus`);
    const diff = difference({ amountCents: after.amountCents, source: after.source }, { amountCents: cell.amountCents, source: cell.source }, true);
    if (diff) throw refuse(`le tarif a changé depuis : ${diff}`);
    writeCell(db, productId, before);
  },
});
