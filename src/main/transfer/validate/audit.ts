/** The audit trail of what an import will write: one row for new categories, one per product changed. */
import type { ProductFile } from '../../../shared/core/catalogue-schema';
import type { AuditEntry, CategoryEntry, ProductAddition } from '../../store/writer-import';
import type { ProductPlan } from './plan';

export interface AuditContext {
  file: string;
  comment: string | null;
  /** the product as stored before the import, by id */
  before: (id: string) => ProductFile;
}

function taxonomyAudit(categoriesAdded: CategoryEntry[], ctx: AuditContext): AuditEntry {
  return {
    action: 'import.taxonomy',
    what: `Import de ${categoriesAdded.length} catégorie(s) de garanties (${ctx.file})`,
    productId: null,
    oldValue: null,
    newValue: { file: ctx.file, categories: categoriesAdded.map((c) => c.key) },
    comment: ctx.comment,
  };
}

const countsOf = (plan: ProductPlan) => ({ documents: plan.documents, guarantees: plan.guarantees, rules: plan.rules, tariffCells: plan.tariffCells });

function createAudit(plan: ProductPlan, ctx: AuditContext): AuditEntry {
  return {
    action: 'import.product',
    what: `Import du nouveau produit « ${plan.name} » (${ctx.file})`,
    productId: plan.id,
    oldValue: null,
    newValue: { file: ctx.file, versions: plan.versions, ...countsOf(plan) },
    comment: ctx.comment,
  };
}

function additionAudit(plan: ProductPlan, added: ProductAddition, ctx: AuditContext): AuditEntry {
  const before = ctx.before(plan.id);
  const versions = plan.action === 'add-versions';
  const into = plan.versions.length ? ` dans la nouvelle version ${plan.versions.join(', ')}` : ` dans la version ${added.tariffs[0]?.version ?? ''}`;
  return {
    action: versions ? 'import.versions' : 'import.tariffs',
    what: versions ? `Import des nouvelles versions ${plan.versions.join(', ')} (${ctx.file})` : `Import de ${plan.tariffCells} cellule(s) de tarif${into} (${ctx.file})`,
    productId: plan.id,
    oldValue: {
      versions: before.versions.map((v) => v.code),
      tariffCells: before.tariffs.length,
      ...(plan.closed ? { closed: { version: plan.closed.version, effectiveTo: null } } : {}),
    },
    newValue: {
      file: ctx.file,
      versions: added.versions.map((v) => ({ code: v.code, label: v.label, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo })),
      ...(plan.closed ? { closed: plan.closed } : {}),
      ...(plan.action === 'add-tariffs' ? { tariffVersions: [...new Set(added.tariffs.map((t) => t.version))] } : {}),
      ...countsOf(plan),
    },
    comment: ctx.comment,
  };
}

/** The audit rows, in the order they are written. */
export function auditTrail(categoriesAdded: CategoryEntry[], plans: ProductPlan[], additions: ProductAddition[], ctx: AuditContext): AuditEntry[] {
  const audit: AuditEntry[] = [];
  if (categoriesAdded.length) audit.push(taxonomyAudit(categoriesAdded, ctx));
  for (const plan of plans) {
    if (plan.action === 'create') audit.push(createAudit(plan, ctx));
    else if (plan.action !== 'unchanged') audit.push(additionAudit(plan, additions.find((a) => a.productId === plan.id)!, ctx));
  }
  return audit;
}
