/**
 * The dated parameters one simulation uses: each value is picked by the date of care, recorded once as used (with
 * its legal reference and seed quote), and reported as a hypothesis when it is not verified against a source or
 * was verified for another date. A missing parameter is an input error (`InputError`), shown as the answer's
 * message. Pure.
 */
import { InputError } from '../input-error';
import { formatDateFr } from './dates';
import type { Hypothesis } from './pricing-types';
import { pickParam, type DatedValue, type ParamSet, type ParamUnit } from './reimbursement-params';
import type { UsedParam } from './reimbursement-result';
import { showParam } from './reimbursement-text';

export class ParamContext {
  readonly used = new Map<string, UsedParam>();
  readonly hypotheses: Hypothesis[] = [];
  constructor(
    private readonly set: ParamSet,
    readonly date: string,
  ) {}

  value(key: string): number {
    const pick = pickParam(this.set, key, this.date);
    if (!pick.ok) throw new InputError(null, pick.message);
    this.record(key, pick.param.label, pick.param.unit, pick.entry);
    return pick.value;
  }

  has(key: string): boolean {
    return pickParam(this.set, key, this.date).ok;
  }

  /** The value without recording it as used (a cap that does not bind does not shape the result). */
  peek(key: string): number {
    const pick = pickParam(this.set, key, this.date);
    if (!pick.ok) throw new InputError(null, pick.message);
    return pick.value;
  }

  private record(key: string, label: string, unit: ParamUnit, e: DatedValue): void {
    if (this.used.has(key)) return;
    this.used.set(key, {
      key,
      label,
      unit,
      value: e.value,
      effectiveFrom: e.effectiveFrom,
      effectiveTo: e.effectiveTo,
      verified: e.verified,
      checkedAt: e.checkedAt ?? null,
      legal: e.legal,
      seed: e.seed ?? null,
      note: e.note,
    });
    const shown = showParam(unit, e.value);
    if (!e.verified) {
      this.hypotheses.push({ code: 'parametre-non-verifie', ruling: null, text: `${label} = ${shown} — ${e.note}`, source: null });
    } else if (e.checkedAt && e.checkedAt !== this.date) {
      this.hypotheses.push({
        code: 'parametre-verifie-a-une-autre-date',
        ruling: null,
        text: `${label} = ${shown} : valeur vérifiée dans la source pour des soins au ${formatDateFr(e.checkedAt)}, appliquée au ${formatDateFr(this.date)}.`,
        source: e.seed ?? null,
      });
    }
  }
}
