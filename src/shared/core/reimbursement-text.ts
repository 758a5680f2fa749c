/**
 * The French of the reimbursement simulator: a cover's description, a parameter's value, and each step of the trace
 * as the sentence the results show (`stepText`). The one place these sentences are written. Pure.
 */
import { formatDateFr } from './dates';
import { formatEuros, type Cents } from './money';
import type { Cover } from './reimbursement-cover';
import type { ParamUnit } from './reimbursement-params';
import type { TraceStep } from './reimbursement-trace';

export const eur = (c: Cents): string => formatEuros(c);
export const pctText = (p: number): string => `${String(p).replace('.', ',')}\u00a0%`;

const per = (unit: string | null): string => (unit === null ? '' : ` par ${unit}`);

/** How the cover pays, in French; `text` is the guarantee's wording, quoted where the cover cannot be computed. */
export function describeCover(cover: Cover, text: string): string {
  switch (cover.kind) {
    case 'not_covered':
      return `non couvert (« ${text} »)`;
    case 'unspecified':
      if (cover.missing === 'status') return `non précisé par la source (« ${text} »)`;
      if (cover.missing === 'amount') return `montant ou taux non précisé par la source (« ${text} »)`;
      if (cover.percent !== null) return `${pctText(cover.percent)} de la BR, sans préciser si la Sécurité sociale est incluse (« ${text} »)`;
      return `forfait de ${eur(cover.amountCents ?? 0)}${per(cover.unit)}, sans préciser si la Sécurité sociale est incluse (« ${text} »)`;
    case 'per_day':
      return `${eur(cover.perDayCents)} par jour`;
    case 'plv':
      return 'remboursement intégral dans la limite des prix limites de vente (100 % Santé)';
    case 'actual':
      return 'frais réels';
    case 'percent': {
      const plus = cover.plusAmountCents ? ` + ${eur(cover.plusAmountCents)}${cover.plusPerUnit ? per(cover.unit) : ''}` : '';
      return `${pctText(cover.percent)} de la BR, Sécurité sociale ${cover.includesSS ? 'incluse' : 'non incluse'}${plus}`;
    }
    case 'amount':
      if (cover.mode === 'plus-tm') return `ticket modérateur + forfait de ${eur(cover.amountCents)}${per(cover.unit)} (hors Sécurité sociale)`;
      return `forfait de ${eur(cover.amountCents)}${per(cover.unit)}, Sécurité sociale ${cover.mode === 'includes-ss' ? 'incluse' : 'non incluse'}`;
  }
}

export function showParam(unit: ParamUnit, value: number): string {
  switch (unit) {
    case 'percent':
      return pctText(value);
    case 'cents':
      return eur(value);
    case 'months':
      return `${value} mois`;
    case 'points':
      return `${value} points de BR`;
    case 'flag':
      return value ? 'oui' : 'non';
  }
}

type Step<K extends TraceStep['kind']> = Extract<TraceStep, { kind: K }>;

const units = (s: { quantity: number; unit: string }) => `${s.quantity} ${s.unit}`;
const priced = (cents: number | null) => (cents !== null ? `, ${eur(cents)}` : '');
const BR_ORIGIN = { saisie: 'saisie', prix: 'égale au prix', paramètre: 'valeur réglementaire', 'sans objet': 'valeur réglementaire' } as const;
const REST_LABEL = { actual: 'Frais réels', plv: 'Remboursement intégral (100 % Santé)' } as const;
const plusForfait = (plus: number, total: number) => (plus ? ` ; + forfait ${eur(plus)} = ${eur(total)}` : '');

function capText(s: Step<'cap'>): string {
  switch (s.rule) {
    case 'cr-non-optam':
      return `Contrat responsable, médecin non OPTAM : dépassements pris en charge au plus à ${s.points} % de la BR, soit ${eur(s.maxCents)} au plus.`;
    case 'cr-unit-cap':
      return `Contrat responsable : prise en charge de la ${s.unit} limitée à ${eur(s.capCents)} : ${eur(s.fromCents)} ramené à ${eur(s.capCents)}.`;
    case 'plv-100-sante':
      return `100 % Santé : prise en charge dans la limite du prix limite de vente ${eur(s.plvCents)} : ${eur(s.plvCents)} − ${eur(s.ssCents)} = ${eur(s.maxCents)} ; l'excédent du prix reste à charge.`;
    case 'never-more-than-spent':
      return `Jamais plus que la dépense : ${eur(s.priceCents)} − ${eur(s.ssCents)} (Sécurité sociale) = ${eur(s.maxCents)} au plus ; ${eur(s.fromCents)} ramené à ${eur(s.maxCents)}.`;
  }
}

function payAmountText(s: Step<'pay-amount'>): string {
  const times = s.times !== null ? `${s.times} × ${eur(s.unitCents)} = ` : '';
  if (s.mode === 'includes-ss') return `Forfait ${times}${eur(s.amountCents)}, Sécurité sociale incluse : ${eur(s.amountCents)} − ${eur(s.ssCents)} = ${eur(s.cents)}.`;
  if (s.mode === 'excludes-ss') return `Forfait ${times}${eur(s.amountCents)}, en plus de la Sécurité sociale.`;
  const forfait = s.times !== null ? `${s.times} × ${eur(s.unitCents)} (${eur(s.amountCents)})` : eur(s.amountCents);
  return `Ticket modérateur ${eur(s.tmCents)} + forfait ${forfait} = ${eur(s.cents)}.`;
}

function payPercentText(s: Step<'pay-percent'>): string {
  const head = `${pctText(s.percent)} × ${eur(s.brCents)} = ${eur(s.totalCents)}`;
  if (s.includesSS) return `${head}, Sécurité sociale incluse : ${eur(s.totalCents)} − ${eur(s.ssCents)} = ${eur(s.partCents)}${plusForfait(s.plusCents, s.cents)}.`;
  return `${head}, en plus de la Sécurité sociale${plusForfait(s.plusCents, s.cents)}.`;
}

function payPerDayText(s: Step<'pay-per-day'>): string {
  if (s.unitPriceCents === null) return `${eur(s.perDayCents)} par jour × ${s.quantity} = ${eur(s.cents)}.`;
  const limited = s.unitPriceCents < s.perDayCents ? `, limité au prix (${eur(s.unitPriceCents)} par jour)` : '';
  return `${eur(s.perDayCents)} par jour${limited} × ${s.quantity} ${s.quantity > 1 ? 'jours' : 'jour'} = ${eur(s.cents)}.`;
}

function resteAChargeText(s: Step<'reste-a-charge'>): string {
  const kept = [s.pfCents ? `${eur(s.pfCents)} de participation forfaitaire` : '', s.franchiseCents ? `${eur(s.franchiseCents)} de franchise` : ''].filter(Boolean).join(' et ');
  return `Reste à charge : ${eur(s.priceCents)} − ${eur(s.ssCents)} (Sécurité sociale) − ${eur(s.complementaryCents)} (complémentaire) = ${eur(s.cents)}${kept ? ` (dont ${kept})` : ''}.`;
}

const TEXTS: { [K in TraceStep['kind']]: (s: Step<K>) => string } = {
  care: (s) => `Soins du ${formatDateFr(s.date)} : ${s.subject}, ${s.priceMeaning} ${eur(s.priceCents)}.`,
  'equipment-ss': (s) => `Équipement : ${eur(s.priceCents)} dont ${eur(s.ssCents)} de Sécurité sociale (BR ${eur(s.brCents)}).`,
  'ss-none': (s) => `${s.act} (${units(s)}${priced(s.priceCents)}) : non remboursé par la Sécurité sociale.`,
  'ss-base': (s) =>
    `${s.act} (${units(s)}${priced(s.priceCents)}) : base de remboursement ${s.quantity > 1 ? `${s.quantity} × ${eur(s.unitBrCents)} = ` : ''}${eur(s.brCents)} (${BR_ORIGIN[s.brOrigin]}).`,
  'ss-on-price': (s) => `Prix inférieur à la BR : la Sécurité sociale rembourse sur le prix, ${eur(s.priceCents)}.`,
  'ss-heavy-act': (s) =>
    `Acte « lourd » (BR ≥ ${eur(s.thresholdCents)}) : le ticket modérateur est remplacé par le forfait de ${eur(s.forfaitCents)} ; Sécurité sociale ${eur(s.baseCents)} − ${eur(s.forfaitCents)} = ${eur(s.ssCents)}.`,
  'ss-rate': (s) => `Sécurité sociale : ${eur(s.baseCents)} × ${pctText(s.ratePercent)} = ${eur(s.ssCents)}.`,
  'pf-capped': (s) => `Participation forfaitaire plafonnée à ${eur(s.capCents)} par jour.`,
  pf: (s) => `Participation forfaitaire déduite : − ${eur(s.cents)} (non remboursable par un contrat responsable).`,
  'franchise-capped': (s) => `Franchise plafonnée à ${eur(s.capCents)} par jour.`,
  franchise: (s) => `Franchise médicale déduite : − ${eur(s.cents)} (non remboursable par un contrat responsable).`,
  'ss-paid': (s) => `Versé par la Sécurité sociale : ${eur(s.cents)}.`,
  'ticket-moderateur': (s) => `Ticket modérateur : ${eur(s.baseCents)} − ${eur(s.ssCents)} = ${eur(s.cents)}.`,
  depassement: (s) => `Dépassement (au-delà de la BR) : ${eur(s.priceCents)} − ${eur(s.baseCents)} = ${eur(s.cents)}.`,
  'no-guarantee': (s) => `${s.act} : non précisé — aucune garantie de ce produit ne couvre « ${s.categories.join(' » ou « ')} ».`,
  guarantee: (s) => `${s.act} — garantie « ${s.label} » : ${s.text} (source : ${s.source.file}, l. ${s.source.lines[0]}-${s.source.lines[1]}).`,
  'loyalty-bonus': (s) => (s.used ? 'Avec bonus fidélité.' : `Pas de bonus fidélité dans cette formule (« ${s.bonusText} ») : garantie sans bonus.`),
  'not-covered': () => 'Non couvert : la complémentaire ne verse rien.',
  'cover-unspecified': (s) => `Non précisé : ${describeCover(s.cover, s.text)}.`,
  'pay-percent': payPercentText,
  'pay-amount': payAmountText,
  'pay-per-day': payPerDayText,
  'pay-rest': (s) =>
    s.priceCents === null
      ? `${REST_LABEL[s.cover]} : le reste du prix de l'équipement après la Sécurité sociale.`
      : `${REST_LABEL[s.cover]} : ${eur(s.priceCents)} − ${eur(s.ssCents)} = ${eur(s.cents)}.`,
  cap: capText,
  'no-version': (s) => `Non précisé : ${s.message}.`,
  'equipment-sum': (s) => `Équipement : ${s.partsCents.map(eur).join(' + ')} = ${eur(s.cents)}.`,
  'equipment-cap': (s) =>
    `Jamais plus que la dépense, sur l'équipement entier : ${eur(s.priceCents)} − ${eur(s.ssCents)} (Sécurité sociale) = ${eur(s.maxCents)} au plus ; ${eur(s.fromCents)} ramené à ${eur(s.maxCents)}.`,
  'reste-a-charge': resteAChargeText,
  'reste-a-charge-unknown': (s) => `Complémentaire non précisée par la source${s.knownCents ? ` (au moins ${eur(s.knownCents)} connus)` : ''} : reste à charge non calculable.`,
};

/** The French sentence of one step. */
export function stepText(step: TraceStep): string {
  return (TEXTS[step.kind] as (s: TraceStep) => string)(step);
}

export function stepTexts(trace: readonly TraceStep[]): string[] {
  return trace.map(stepText);
}
