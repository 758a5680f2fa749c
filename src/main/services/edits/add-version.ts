/**
 * Add a dated version to a product: it closes the open version in force before it, may copy another
 * version's tariff cells, and takes over the guarantees and rules that name the version it follows.
 */
import { z } from 'zod';
import { documentSchema, versionSchema, type ProductFile } from '../../../shared/core/catalogue-schema';
import { dayBefore, formatDateFr } from '../../../shared/core/dates';
import { EDIT_LIMITS } from '../../../shared/core/limits';
import { code, date } from '../../../shared/request-fields';
import {
  deleteDocument,
  deleteVersion,
  documentInUse,
  forgetVersionUsers,
  inheritVersionUsers,
  insertDocument,
  insertVersion,
  setVersionEnd,
  versionCellCount,
  versionUsers,
} from '../../store/writer-edit';
import { checkCode, checkDate, checkText, comment, invalid, requireProduct } from './checks';
import { difference, list, productName, show } from './describe';
import { editKind, type UndoContext } from './kind';
import { editComment, productId, sourceChoice, text } from './payload';
import { documentFor, isUnsourced, newSource } from './sources';
import { storedSource } from './stored';

export const addVersionPayload = z
  .object({
    kind: z.literal('addVersion'),
    productId,
    code: text(EDIT_LIMITS.code),
    label: text(EDIT_LIMITS.label),
    effectiveFrom: date,
    effectiveTo: date.nullable(),
    reference: text(EDIT_LIMITS.reference).nullable(),
    copyTariffsFrom: code.nullable(),
    source: sourceChoice,
    comment: editComment,
  })
  .strict();

/** The version the new one closed, as it was (its end), in the audit row's old value. */
export const closedBeforeSchema = z.object({ closed: z.object({ version: z.string(), effectiveTo: z.string().nullable() }).strict() }).strict().nullable();

/** The version added and what came with it, in the audit row's new value. */
export const versionValueSchema = z
  .object({
    version: versionSchema.extend({ source: storedSource }),
    /** the document entry the version needed, when this change created it */
    documentCreated: documentSchema.nullable(),
    /** the open version this one closed */
    closed: z.object({ version: z.string(), effectiveTo: z.string().nullable(), closedTo: z.string() }).strict().nullable(),
    copiedFrom: z.string().nullable(),
    cells: z.number().int().min(0),
    /** the version whose guarantees and rules the new one took over (absent in entries written before this existed) */
    inheritedFrom: z.string().nullable().optional(),
    inherited: z.object({ guarantees: z.number().int().min(0), rules: z.number().int().min(0) }).strict().optional(),
  })
  .strict();
type VersionValue = z.infer<typeof versionValueSchema>;

/** The known period of a version: a missing start reads as "always before", a missing end as "still running". */
const periodOf = (v: { effectiveFrom: string | null; effectiveTo: string | null }) => ({ from: v.effectiveFrom ?? '0000-01-01', to: v.effectiveTo ?? '9999-12-31' });

/**
 * An open-ended version in force before the new one is closed the day before it (as revise --save and
 * imports do); any other version whose period meets the new one's refuses the change.
 */
function closeAndCheckPeriod(p: ProductFile, from: string, to: string | null, at: string): VersionValue['closed'] {
  const open = p.versions
    .filter((v) => v.effectiveTo === null && (v.effectiveFrom === null || v.effectiveFrom < from))
    .sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''))
    .at(-1);
  const closed = open ? { version: open.code, effectiveTo: null, closedTo: dayBefore(from) } : null;
  const mine = periodOf({ effectiveFrom: from, effectiveTo: to });
  for (const v of p.versions) {
    const theirs = periodOf(v.code === closed?.version ? { effectiveFrom: v.effectiveFrom, effectiveTo: closed.closedTo } : v);
    if (mine.from <= theirs.to && theirs.from <= mine.to) {
      const span = `${v.effectiveFrom ? `du ${formatDateFr(v.effectiveFrom)}` : 'depuis une date non précisée'}${v.effectiveTo ? ` au ${formatDateFr(v.effectiveTo)}` : ', sans date de fin'}`;
      throw invalid(`${at} : la période ${to ? `du ${formatDateFr(from)} au ${formatDateFr(to)}` : `à compter du ${formatDateFr(from)}, sans date de fin,`} chevauche la version « ${v.code} » (${v.label}, ${span}) ; rien n’a été enregistré.`);
    }
  }
  return closed;
}

function undoVersion({ db, productId, after, current, refuse }: UndoContext<unknown, VersionValue>): void {
  const p = current();
  const v = p.versions.find((x) => x.code === after.version.code);
  if (!v) throw refuse(`la version ${after.version.code} n’existe plus`);
  const diff = difference(after.version, v);
  if (diff) throw refuse(`la version a changé depuis : ${diff}`);
  const cells = versionCellCount(db, productId, v.code);
  if (cells !== after.cells) throw refuse(`la version ${v.code} a maintenant ${cells} cellule(s) de tarif (${after.cells} à sa création)`);
  const users = versionUsers(db, productId, v.code);
  const inherited = after.inherited ?? { guarantees: 0, rules: 0 };
  if (users.guarantees !== inherited.guarantees || users.rules !== inherited.rules) {
    throw refuse(`${users.guarantees} garantie(s) et ${users.rules} règle(s) nomment maintenant la version ${v.code} (${inherited.guarantees} et ${inherited.rules} à sa création)`);
  }
  forgetVersionUsers(db, productId, v.code);
  const closed = after.closed;
  if (closed) {
    const c = p.versions.find((x) => x.code === closed.version);
    if (!c || c.effectiveTo !== closed.closedTo) {
      throw refuse(`la version ${closed.version} ne se termine plus le ${formatDateFr(closed.closedTo)}${c ? ` (${c.effectiveTo ? `fin le ${formatDateFr(c.effectiveTo)}` : 'sans date de fin'})` : ''}`);
    }
  }
  deleteVersion(db, productId, v.code);
  if (closed) setVersionEnd(db, productId, closed.version, closed.effectiveTo);
  if (after.documentCreated && !documentInUse(db, productId, after.documentCreated.id)) deleteDocument(db, productId, after.documentCreated.id);
}

export const addVersion = editKind({
  kind: 'addVersion',
  action: 'add.version',
  payload: addVersionPayload,
  stored: { oldValue: closedBeforeSchema, newValue: versionValueSchema },
  plan: (view, e, options) => {
    const p = requireProduct(view, e.productId);
    const where = `${productName(p)}, nouvelle version`;
    const code = checkCode(e.code, `${where}, code`, p.versions.map((v) => v.code));
    if (code === '*') throw invalid(`${where} : « * » est réservé (toutes les versions).`);
    const at = `${where} ${code}`;
    const label = checkText(e.label, `${at}, libellé`, EDIT_LIMITS.label);
    const from = checkDate(e.effectiveFrom, `${at}, date d’effet`);
    const to = e.effectiveTo === null ? null : checkDate(e.effectiveTo, `${at}, date de fin`);
    if (to !== null && to < from) throw invalid(`${at} : la date de fin (${formatDateFr(to)}) est avant la date d’effet (${formatDateFr(from)}).`);
    const reference = e.reference === null || e.reference.trim() === '' ? null : checkText(e.reference, `${at}, référence`, EDIT_LIMITS.reference);
    if (e.copyTariffsFrom !== null && !p.versions.some((v) => v.code === e.copyTariffsFrom)) {
      throw invalid(`${at} : version à recopier « ${e.copyTariffsFrom} » inconnue (versions : ${list(p.versions.map((v) => v.code))}).`);
    }
    const closed = closeAndCheckPeriod(p, from, to, at);
    const source = newSource(e.source, at, options.today);
    const doc = documentFor(p, source);
    const version: ProductFile['versions'][number] = { code, label, effectiveFrom: from, effectiveTo: to, document: doc.entry.id, ...(reference !== null ? { reference } : {}), source };
    const cells = e.copyTariffsFrom === null ? 0 : p.tariffs.filter((t) => t.version === e.copyTariffsFrom).length;
    // the version it follows (the one it closes, else the one whose tariffs it copies) keeps its guarantees
    // and rules for the new period: an avenant changes what it says, the rest goes on
    const inheritedFrom = closed?.version ?? e.copyTariffsFrom;
    const names = (codes: readonly string[]) => inheritedFrom !== null && codes.includes(inheritedFrom);
    const inherited = { guarantees: p.guarantees.filter((g) => names(g.versions)).length, rules: p.rules.filter((r) => names(r.versions)).length };
    const takenOver = inherited.guarantees + inherited.rules > 0 ? ` ; ${inherited.guarantees} garantie(s) et ${inherited.rules} règle(s) de la version ${inheritedFrom} reprises` : '';
    return {
      action: 'add.version',
      productId: p.product.id,
      what: `Ajout de la version ${code} ${show(label)} de ${productName(p)} à compter du ${formatDateFr(from)}${closed ? ` (la version ${closed.version} se termine le ${formatDateFr(closed.closedTo)})` : ''}${e.copyTariffsFrom ? ` ; ${cells} tarif(s) recopié(s) de la version ${e.copyTariffsFrom}` : ''}${takenOver}${isUnsourced(source) ? ' (sans source)' : ''}`,
      oldValue: closed ? { closed: { version: closed.version, effectiveTo: closed.effectiveTo } } : null,
      newValue: { version, documentCreated: doc.created ? doc.entry : null, closed, copiedFrom: e.copyTariffsFrom, cells, inheritedFrom, inherited },
      comment: comment(e.comment),
    };
  },
  write: (db, { productId, newValue: v }) => {
    if (v.documentCreated) insertDocument(db, productId, v.documentCreated);
    if (v.closed) setVersionEnd(db, productId, v.closed.version, v.closed.closedTo);
    insertVersion(db, productId, v.version, v.copiedFrom);
    if (typeof v.inheritedFrom === 'string') inheritVersionUsers(db, productId, v.inheritedFrom, v.version.code);
  },
  undo: undoVersion,
});
