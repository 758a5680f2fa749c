/** Quotes side by side: one card per product × formula with its lines, totals and explanation. */
import type { ProductQuote, HouseholdQuote, QuoteLine } from '../../shared/core/quote';
import type { MavQuote } from '../../shared/core/mav';
import { formatDateFr } from '../../shared/core/format';
import { formatEuros } from '../../shared/core/money';
import { facts, h, type Child } from '../ui/dom';
import { hypothesesList, notesList, refusalsList, sourceDetails } from '../ui/explain';
import { amountText, roleLabels, statusLabels } from '../ui/labels';

const outcomeText: Record<QuoteLine['outcome'], string> = { priced: '', free: 'gratuit', 'non-precise': 'non précisé', refused: 'refusé' };

function birthText(birth: string | null): string {
  if (!birth) return '';
  return /^\d{4}$/.test(birth) ? `né(e) en ${birth}` : `né(e) le ${formatDateFr(birth)}`;
}

function versionLine(v: HouseholdQuote['version']): string {
  if (!v) return 'aucune version trouvée';
  return v.effectiveFrom ? `${v.label} (dès le ${formatDateFr(v.effectiveFrom)})` : v.label;
}

function householdCard(q: HouseholdQuote): HTMLElement {
  const rows = q.lines.map((l) => {
    const who = l.member === null ? 'Foyer' : `${l.label ?? (l.role ? roleLabels[l.role] : '')}`;
    const detail = [birthText(l.birth), l.age !== null ? `${l.age} ans` : '', l.status ? statusLabels[l.status] : ''].filter(Boolean).join(', ');
    const amount = l.outcome === 'priced' ? amountText(l.amountCents, l.period) : l.outcome === 'free' ? `${formatEuros(0)} (gratuit)` : outcomeText[l.outcome];
    return h(
      'tr',
      { class: `line line-${l.outcome}` },
      h('th', { scope: 'row' }, h('div', { text: who }), detail ? h('small', { text: detail }) : null),
      h('td', { text: l.segment?.label ?? '—' }),
      h('td', { class: 'amount', text: amount }),
      h('td', { class: 'why' }, h('span', { text: l.why }), sourceDetails(l.cell?.source)),
    );
  });
  const t = q.totals;
  const total: Child = t.complete
    ? h('div', { class: 'total' }, h('strong', { text: t.monthlyCents !== null ? `${formatEuros(t.monthlyCents)} par mois` : '' }), t.annualCents !== null ? ` — ${formatEuros(t.annualCents)} par an` : '')
    : h('div', { class: 'total total-incomplete' }, h('strong', { text: 'Total incomplet' }), ` : ${formatEuros(t.partialMonthlyCents)} par mois pour les membres tarifés seulement (${t.incompleteMembers.length} membre${t.incompleteMembers.length > 1 ? 's' : ''} sans tarif).`);
  return h(
    'article',
    { class: 'card quote', dataset: { product: q.productId, formula: q.formula.code } },
    h('h3', { text: q.productName }),
    h('p', { class: 'subtitle', text: `${q.formula.label} — ${versionLine(q.version)}` }),
    q.tariffGiven ? null : h('p', { class: 'notice notice-warn', text: 'La source ne donne pas de tarif pour ce produit et cette formule.' }),
    h('table', { class: 'simple quote-lines' }, h('thead', null, h('tr', null, ...['Membre', 'Segment', 'Cotisation', 'Explication'].map((x) => h('th', { scope: 'col', text: x })))), h('tbody', null, ...rows)),
    total,
    refusalsList(q.refusals),
    hypothesesList(q.hypotheses),
    notesList(q.notes),
  );
}

const mavStatus: Record<MavQuote['status'], string> = { priced: 'Tarifé', refused: 'Refusé', refer: 'À soumettre à l’assureur' };

function mavCard(q: MavQuote): HTMLElement {
  const lines: [string, Child][] = [];
  if (q.base) lines.push(['Cotisation de base', h('span', null, amountText(q.base.amountCents, q.base.period), sourceDetails(q.base.source))]);
  for (const s of q.sports.lines) lines.push([`Sport : ${s.label ?? s.input}`, s.why]);
  if (q.surcharge) lines.push([`Majoration ${q.surcharge.sports} sport${q.surcharge.sports > 1 ? 's' : ''} (+${q.surcharge.percent} %)`, h('span', null, formatEuros(q.surcharge.amountCents), sourceDetails(q.surcharge.rule.source, q.surcharge.rule.text))]);
  if (q.annualCents !== null) lines.push(['Cotisation annuelle', h('strong', { text: formatEuros(q.annualCents) })]);
  if (q.installments) {
    const i = q.installments;
    lines.push([`Échéances (${i.periodicity})`, `${i.count} × ${formatEuros(i.amountCents)} = ${formatEuros(i.totalCents)}${i.roundingDiffCents ? ` (arrondi : ${i.roundingDiffCents > 0 ? '+' : ''}${formatEuros(i.roundingDiffCents)})` : ''}`]);
  }
  if (q.firstPremium) lines.push([`Première cotisation (${q.firstPremium.months} mois)`, h('span', null, formatEuros(q.firstPremium.amountCents), sourceDetails(q.firstPremium.rule.source, q.firstPremium.rule.text))]);
  return h(
    'article',
    { class: `card quote quote-mav status-${q.status}`, dataset: { product: q.productId, formula: q.formula.code, option: q.option.code } },
    h('h3', { text: q.productName }),
    h('p', { class: 'subtitle', text: `${q.formula.label} + ${q.option.label} — adhésion le ${q.adhesion ? formatDateFr(q.adhesion) : '—'}${q.version ? ` — ${q.version.label}` : ''}` }),
    h('p', { class: `badge badge-${q.status}`, text: mavStatus[q.status] }),
    facts(lines),
    q.members.length ? h('p', { class: 'muted', text: q.members.map((m) => `${roleLabels[m.role as keyof typeof roleLabels] ?? m.role} ${birthText(m.birth)}${m.age !== null ? `, ${m.age} ans` : ''}${m.eligible ? '' : ' — non admissible'}`).join(' ; ') }) : null,
    refusalsList(q.refusals),
    refusalsList(q.referrals, 'À soumettre à l’assureur'),
    hypothesesList(q.hypotheses),
    notesList(q.notes),
  );
}

export function quoteCards(quotes: readonly ProductQuote[]): HTMLElement {
  return h('div', { class: 'quotes' }, ...quotes.map((q) => (q.kind === 'mav' ? mavCard(q) : householdCard(q))));
}
