/** Add a product: its insurer (an organisation of the catalogue or a new one), one formula, one version, a source. */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { productFileSchema, productKinds, type ProductFile, type Source } from '../../../shared/core/catalogue-schema';
import { formatDateFr } from '../../../shared/core/dates';
import { EDIT_LIMITS } from '../../../shared/core/limits';
import { slugify } from '../../../shared/core/slug';
import { formatZodIssues } from '../../../shared/core/zod-issues';
import { GrilleError } from '../../../shared/errors';
import { crossCheck } from '../../catalogue/data-dir';
import { code, date } from '../../../shared/request-fields';
import { attachedProductCount } from '../../store/edits';
import { saveProduct } from '../../store/writer';
import { deleteOrganisationIfUnused, deleteProduct } from '../../store/writer-edit';
import { checkCode, checkDate, checkText, comment, invalid } from './checks';
import { show } from './describe';
import { editKind, type EditOf, type EditView } from './kind';
import { editComment, sourceChoice, text } from './payload';
import { documentFor, isUnsourced, newSource } from './sources';
import { nothingBefore } from './stored';

export const addProductPayload = z
  .object({
    kind: z.literal('addProduct'),
    id: text(EDIT_LIMITS.code),
    productKind: z.enum(['sante', 'assistance', 'mav', 'prevoyance', 'reseau']),
    name: text(EDIT_LIMITS.name),
    insurer: z.union([z.object({ id: code }).strict(), z.object({ name: text(EDIT_LIMITS.name) }).strict()]),
    formula: z.object({ code: text(EDIT_LIMITS.code), label: text(EDIT_LIMITS.label) }).strict(),
    version: z.object({ code: text(EDIT_LIMITS.code), label: text(EDIT_LIMITS.label), effectiveFrom: date }).strict(),
    source: sourceChoice,
    comment: editComment,
  })
  .strict();

/** The product added, whole, and the organisation this change created for it. */
export const productValueSchema = z
  .object({
    product: productFileSchema,
    /** the insurer organisation, when this change created it */
    organisationCreated: z.string().nullable(),
  })
  .strict();

type Organisation = ProductFile['organisations'][number];

/** The insurer: an organisation of the catalogue, the one of that name, or a new one (created with the product). */
function insurerOf(view: EditView, insurer: EditOf<'addProduct'>['insurer'], at: string, source: Source): { insurer: Organisation; created: string | null } {
  if ('id' in insurer) {
    const row = view.organisation(insurer.id);
    if (!row) throw new GrilleError('NOT_FOUND', `${at} : assureur « ${insurer.id} » inconnu ; choisissez une organisation du catalogue ou indiquez le nom d’un nouvel assureur.`);
    return { insurer: row, created: null };
  }
  const orgName = checkText(insurer.name, `${at}, nom de l’assureur`, EDIT_LIMITS.name);
  const same = view.organisationsNamed(orgName)[0];
  const existing = same === undefined ? null : view.organisation(same);
  if (existing) return { insurer: existing, created: null };
  const base = slugify(orgName) || 'assureur';
  let orgId = base;
  for (let n = 2; view.organisationExists(orgId); n++) orgId = `${base}-${n}`;
  return { insurer: { id: orgId, name: orgName, roles: ['insurer'], source }, created: orgId };
}

export const addProduct = editKind({
  kind: 'addProduct',
  action: 'add.product',
  payload: addProductPayload,
  stored: { oldValue: nothingBefore, newValue: productValueSchema },
  plan: (view, e, options) => {
    const where = 'Nouveau produit';
    const id = checkCode(e.id, `${where}, identifiant`, view.productIds());
    const at = `${where} ${id}`;
    const name = checkText(e.name, `${at}, nom`, EDIT_LIMITS.name);
    if (!(productKinds as readonly string[]).includes(e.productKind)) throw invalid(`${at} : type « ${String(e.productKind)} » inconnu (sante, assistance, mav, prevoyance ou reseau).`);
    const formulaCode = checkCode(e.formula.code, `${at}, code de la formule`, []);
    const formulaLabel = checkText(e.formula.label, `${at}, libellé de la formule`, EDIT_LIMITS.label);
    const versionCode = checkCode(e.version.code, `${at}, code de la version`, []);
    const versionLabel = checkText(e.version.label, `${at}, libellé de la version`, EDIT_LIMITS.label);
    const from = checkDate(e.version.effectiveFrom, `${at}, date d’effet`);
    const source = newSource(e.source, at, options.today);
    const { insurer, created } = insurerOf(view, e.insurer, at, source);
    const doc = documentFor(null, source);
    const product: ProductFile = {
      formatVersion: 1,
      product: { id, kind: e.productKind, name, insurer: insurer.id, distributor: null, subscribers: [], references: [], attachedTo: null, source },
      organisations: [insurer],
      documents: [doc.entry],
      formulas: [{ code: formulaCode, label: formulaLabel, kind: 'formula', source }],
      segments: [],
      versions: [{ code: versionCode, label: versionLabel, effectiveFrom: from, effectiveTo: null, document: doc.entry.id, source }],
      categories: [],
      guarantees: [],
      tariffs: [],
      rules: [],
    };
    // the same checks as a product file of data/ or an import
    const parsed = productFileSchema.safeParse(product, { error: z.locales.fr().localeError });
    if (!parsed.success) throw invalid(`${at} : ${formatZodIssues(parsed.error).join(' ; ')}`);
    const problems = crossCheck({ formatVersion: 1, categories: view.taxonomy() }, [product]);
    if (problems.length) throw invalid(`${at} : ${problems.join(' ; ')}`);
    return {
      action: 'add.product',
      productId: id,
      what: `Ajout du produit ${show(name)} (${id}) : assureur ${insurer.name}${created ? ' (nouvelle organisation)' : ''}, formule ${formulaCode}, version ${versionCode} à compter du ${formatDateFr(from)}${isUnsourced(source) ? ' (sans source)' : ''}`,
      oldValue: null,
      newValue: { product, organisationCreated: created },
      comment: comment(e.comment),
    };
  },
  write: (db, plan) => saveProduct(db, plan.newValue.product),
  undo: ({ db, productId, after, current, refuse }) => {
    const p = current();
    if (!isDeepStrictEqual(p, after.product)) {
      const diff = (['product', 'organisations', 'documents', 'formulas', 'segments', 'versions', 'categories', 'guarantees', 'tariffs', 'rules'] as const).find(
        (k) => !isDeepStrictEqual(p[k], after.product[k]),
      );
      throw refuse(`le produit a changé depuis sa création (${diff ?? 'contenu'} : ${show(JSON.stringify(p[diff ?? 'product']))})`);
    }
    const others = attachedProductCount(db, productId);
    if (others) throw refuse(`${others} produit(s) sont maintenant rattachés à ${productId}`);
    deleteProduct(db, productId);
    if (after.organisationCreated) deleteOrganisationIfUnused(db, after.organisationCreated);
  },
});
