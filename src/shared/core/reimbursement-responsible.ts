/**
 * Contrat-responsable checks on a product's guarantee grid at a date: for consultations, radiology and hospital
 * fees, the non-OPTAM dépassement cover must stay within the cap (in points of BR) and at least the minimum gap
 * below the OPTAM cover. A cover the grid does not give in points of BR is « non vérifiable », never guessed
 * (docs/RULINGS.md, règle 8). Pure.
 */
import type { ProductFile, Source } from './catalogue-schema';
import { isIsoDate } from './dates';
import type { Hypothesis } from './pricing-types';
import { indexProduct, pickVersion } from './product-index';
import { InputError } from '../input-error';
import { ParamContext } from './reimbursement-context';
import { readGuarantee, type Cover } from './reimbursement-cover';
import { findGuarantee } from './reimbursement-guarantee';
import type { UsedParam } from './reimbursement-result';
import type { ParamSet } from './reimbursement-params';

export interface ResponsibleFinding {
  formula: string;
  domain: string;
  status: 'conforme' | 'violation' | 'non_verifiable';
  /** dépassement cover in points of BR (cover incl. Sécurité sociale − 100) */
  optamPoints: number | null;
  nonOptamPoints: number | null;
  /** the most the non-OPTAM line may cover, in points of BR, when known */
  limitPoints: number | null;
  message: string;
  optamGuarantee: Source | null;
  nonOptamGuarantee: Source | null;
}

export interface ResponsibleReport {
  date: string;
  findings: ResponsibleFinding[];
  violations: ResponsibleFinding[];
  parameters: UsedParam[];
  hypotheses: Hypothesis[];
}

const RESPONSIBLE_DOMAINS = [
  { domain: 'Consultations et actes des médecins', optam: 'sante.soins_courants.consultation.optam', nonOptam: 'sante.soins_courants.consultation.non_optam', rate: 'ss.taux.honoraires_medicaux' },
  { domain: 'Radiologie', optam: 'sante.soins_courants.radiologie.optam', nonOptam: 'sante.soins_courants.radiologie.non_optam', rate: 'ss.taux.actes_techniques' },
  { domain: 'Honoraires en hospitalisation', optam: 'sante.hospitalisation.honoraires.optam', nonOptam: 'sante.hospitalisation.honoraires.non_optam', rate: 'ss.taux.hospitalisation' },
] as const;

/** Dépassement cover in points of BR, or null when the guarantee does not say (or is not a percentage). */
function depassementPoints(cover: Cover, ssRate: number): number | null {
  switch (cover.kind) {
    case 'not_covered':
      return 0;
    case 'percent':
      if (cover.plusAmountCents) return null;
      return Math.max(0, (cover.includesSS ? cover.percent : cover.percent + ssRate) - 100);
    default:
      return null;
  }
}

export function checkResponsibleGrid(params: ParamSet, product: ProductFile, date: string): { ok: true; report: ResponsibleReport } | { ok: false; message: string } {
  if (!isIsoDate(date)) return { ok: false, message: `date « ${date} » : date impossible ou mal écrite (AAAA-MM-JJ attendu)` };
  const ctx = new ParamContext(params, date);
  try {
    const cap = ctx.value('cr.non_optam.plafond_depassement');
    const gap = ctx.value('cr.non_optam.ecart_minimum');
    const version = pickVersion(indexProduct(product), date);
    if (!version.ok) return { ok: false, message: version.message };
    const findings: ResponsibleFinding[] = [];
    for (const f of product.formulas.filter((x) => x.kind === 'formula')) {
      for (const d of RESPONSIBLE_DOMAINS) {
        const o = findGuarantee(product, f.code, version.version.code, [d.optam], false);
        const n = findGuarantee(product, f.code, version.version.code, [d.nonOptam], false);
        if (!o.guarantee && !n.guarantee) continue;
        const rate = ctx.value(d.rate);
        const op = o.guarantee ? depassementPoints(readGuarantee(o.guarantee), rate) : null;
        const np = n.guarantee ? depassementPoints(readGuarantee(n.guarantee), rate) : null;
        const limit = op === null ? null : Math.max(0, Math.min(cap, op - gap));
        const base = { formula: f.code, domain: d.domain, optamPoints: op, nonOptamPoints: np, limitPoints: limit, optamGuarantee: o.guarantee?.source ?? null, nonOptamGuarantee: n.guarantee?.source ?? null };
        const show = (p: number) => `${p} % de la BR`;
        if (np === null) {
          findings.push({ ...base, status: 'non_verifiable', message: `${f.code} — ${d.domain} : prise en charge des dépassements des médecins non OPTAM non précisée (« ${n.guarantee?.text ?? 'aucune garantie'} ») : contrôle impossible.` });
        } else if (np > cap) {
          findings.push({ ...base, status: 'violation', message: `${f.code} — ${d.domain} : dépassements des médecins non OPTAM couverts à ${show(np)}, au-delà du plafond de ${show(cap)} du contrat responsable.` });
        } else if (np > 0 && op === null) {
          findings.push({ ...base, status: 'non_verifiable', message: `${f.code} — ${d.domain} : couverture OPTAM non précisée ; l'écart d'au moins ${gap} points ne peut être contrôlé.` });
        } else if (np > 0 && np > op! - gap) {
          findings.push({ ...base, status: 'violation', message: `${f.code} — ${d.domain} : dépassements non OPTAM couverts à ${show(np)}, OPTAM à ${show(op!)} : écart de ${op! - np} points, il en faut au moins ${gap}.` });
        } else {
          findings.push({ ...base, status: 'conforme', message: `${f.code} — ${d.domain} : dépassements non OPTAM ${show(np)}${op !== null ? `, OPTAM ${show(op)}` : ''} : conforme.` });
        }
      }
    }
    return { ok: true, report: { date, findings, violations: findings.filter((x) => x.status === 'violation'), parameters: [...ctx.used.values()], hypotheses: [...version.hypotheses, ...ctx.hypotheses] } };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, message: e.message };
    throw e;
  }
}
