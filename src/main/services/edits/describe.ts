/**
 * How an edit names what it touches and what differs, in French: a value shown in a message, the first
 * field where two values differ (an edit's stale check, an undo's refusal), an audit row's time.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ProductFile, Quantities, Source } from '../../../shared/core/catalogue-schema';
import { formatDateFr } from '../../../shared/core/dates';
import { formatQuantity, type QuantityKind } from '../../../shared/core/format';
import { formatEuros } from '../../../shared/core/money';
import { UNSOURCED_TEXT } from '../../../shared/core/source-label';
import type { HistoryEntry } from '../../transfer/history';
import { isUnsourced } from './sources';

export const productName = (p: ProductFile) => `« ${p.product.name} » (${p.product.id})`;

export const list = (values: string[]) => (values.length ? values.join(', ') : '(aucun)');

const FIELD_FR: Record<string, string> = {
  status: 'statut',
  text: 'texte',
  quantities: 'quantités',
  derived: 'quantités déduites du texte',
  conditions: 'conditions',
  source: 'source',
  amountCents: 'montant',
  label: 'libellé',
  category: 'catégorie',
  formulas: 'formules',
  versions: 'versions',
  kind: 'nature',
  effectiveFrom: 'date d’effet',
  effectiveTo: 'date de fin',
  reference: 'référence',
  document: 'document',
};

const isSource = (v: object): v is Source => 'quote' in v;

export const show = (v: unknown): string => {
  if (v === null || v === undefined) return '(vide)';
  if (typeof v === 'string') return `« ${v.length > 120 ? `${v.slice(0, 119)}…` : v} »`;
  if (typeof v === 'object' && isSource(v)) return isUnsourced(v) ? UNSOURCED_TEXT : `${v.file}, ${v.section}, l. ${v.lines[0]}-${v.lines[1]}`;
  return JSON.stringify(v);
};

/** The first field where `now` differs from `expected`, in French; null when equal. */
export function difference<T extends object>(expected: T, now: T, money = false): string | null {
  for (const k of Object.keys(expected) as (keyof T & string)[]) {
    if (!isDeepStrictEqual(expected[k], now[k])) {
      const fmt = (v: unknown) => (money && k === 'amountCents' && typeof v === 'number' ? formatEuros(v) : show(v));
      return `${FIELD_FR[k] ?? k} ${fmt(now[k])} au lieu de ${fmt(expected[k])}`;
    }
  }
  return null;
}

export function describeQuantities(q: Quantities): string {
  const parts = (Object.keys(q) as QuantityKind[]).map((k) => formatQuantity(k, q[k]!));
  return parts.length ? parts.join(', ') : 'aucune quantité';
}

/** When an audit row was written, as messages say it. */
export const entryTime = (entry: HistoryEntry) => `${formatDateFr(entry.at.slice(0, 10))} ${entry.at.slice(11, 16)} UTC`;
