/**
 * The quote workbook: the offers side by side for one household ("Devis": a column per offer, a row
 * per member, then the totals), the household and the request ("Foyer"), every line with its
 * explanation and source ("Détail"), and the assumptions and refusals ("Hypothèses et refus").
 *
 * It reads the engine's quotes (quote.ts, mav.ts) and computes nothing of its own: totals are live
 * Excel formulas over the members' cells, written with the engine's figures as cached values. A price
 * the source does not give reads "non précisé" and an incomplete total is never shown as a total.
 */
import type { Style } from 'exceljs';
import { NOT_SPECIFIED } from '../../shared/core/compare';
import { formatDateFr } from '../../shared/core/format';
import type { MavQuote, Periodicity } from '../../shared/core/mav';
import { roleLabels } from '../../shared/core/members';
import type { Source } from '../../shared/core/catalogue-schema';
import { formatEuros, formatSignedEuros } from '../../shared/core/money';
import type { MemberInput, Refusal } from '../../shared/core/pricing-types';
import type { HouseholdQuote, ProductQuote, QuoteLine } from '../../shared/core/quote';
import { sourceFileText } from '../../shared/core/source-label';
import { GrilleError } from '../../shared/errors';
import { blockRange, cellsRow, groupRow, lineRange, missingCell, SheetGrid, type BlockRows, type Cell, type GridRow } from './sheet-grid';
import { cellAddress, euros } from './sheet-rows';
import {
  centerStyle,
  headerLeftStyle,
  headerStyle,
  missingAmountStyle,
  NUMFMT_EURO,
  numberStyle,
  textStyle,
  titleStyle,
  totalLabelStyle,
  totalMissingStyle,
  totalNumberStyle,
  wrapNoteStyle,
} from './styles';
import { formula, landscapeFitToWidth, toDocumentDate, writeWorkbook, type CellValue, type SheetRow, type SheetSpec, type WorkbookSpec, type WriteHooks } from './workbook-writer';

export interface QuoteWorkbookData {
  quotes: readonly ProductQuote[];
  /** the household as asked for */
  members: readonly MemberInput[];
  /** the quote's effective date, AAAA-MM-JJ */
  at: string;
  /** the formulas asked for (none = all) */
  formulas?: readonly string[] | undefined;
  mav?: { options?: readonly string[] | undefined; sports?: readonly string[] | undefined; periodicity?: string | undefined; adhesion?: string | undefined; renouncedOptions?: readonly string[] | undefined } | undefined;
}

export interface QuoteWorkbookOptions {
  /** the document's date (AAAA-MM-JJ or Date): created/modified and zip entry times */
  date: Date | string;
  title?: string | undefined;
  /** progress and cancellation of a long export (src/main/jobs) */
  hooks?: WriteHooks | undefined;
}

export const SHEET_QUOTE = 'Devis';
export const SHEET_HOUSEHOLD = 'Foyer';
export const SHEET_LINES = 'Détail';
export const SHEET_NOTES = 'Hypothèses et refus';

/** The row of the offers' header on the "Devis" sheet. */
export const QUOTE_HEADER_ROW = 4;

const EURO = numberStyle(NUMFMT_EURO);
const PER_YEAR = numberStyle('#,##0.00 "€ / an"');
/** A free child: the amount is 0 and reads "gratuit". */
const FREE = numberStyle('#,##0.00 "€";-#,##0.00 "€";"gratuit"');
const PER_PERIOD: Record<Periodicity, Partial<Style>> = {
  annuel: totalNumberStyle('#,##0.00 "€ / an"'),
  semestriel: totalNumberStyle('#,##0.00 "€ / semestre"'),
  trimestriel: totalNumberStyle('#,##0.00 "€ / trimestre"'),
  mensuel: totalNumberStyle('#,##0.00 "€ / mois"'),
};
/** The width of an offer's column (its header wraps in it). */
const OFFER_WIDTH = 26;
const STATUS_FR: Record<string, string> = { actif: 'actif', retraite: 'retraité' };

function offerHeader(q: ProductQuote): string {
  const formula = q.kind === 'mav' ? `${q.formula.label}, ${q.option.label}` : q.formula.label;
  return `${q.productName}\n${formula}\n${q.version ? q.version.label : 'aucune version en vigueur'}`;
}

function offerName(q: ProductQuote): string {
  return q.kind === 'mav' ? `${q.productId}:${q.formula.code}:${q.option.code}` : `${q.productId}:${q.formula.code}`;
}

export function memberLabel(m: MemberInput, i: number): string {
  const role = roleLabels[m.role] ?? m.role;
  const birth = /^\d{4}-\d{2}-\d{2}$/.test(m.birth) ? `né(e) le ${formatDateFr(m.birth)}` : `né(e) en ${m.birth}`;
  const status = m.status ? `, ${STATUS_FR[m.status] ?? m.status}` : '';
  return `${i + 1}. ${m.label ? `${m.label} (${role})` : role.charAt(0).toUpperCase() + role.slice(1)} — ${birth}${status}`;
}

/** Lines of text wrapped in a column `width` characters wide (for row heights). */
function wrappedLines(text: string, width: number): number {
  return text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil((l.length * 1.1) / width)), 0);
}

function householdCell(q: HouseholdQuote, line: QuoteLine | undefined, member: number): [CellValue, Partial<Style>] {
  if (!line) return [q.refusals.some((r) => r.member === member) ? 'refusé' : '—', missingAmountStyle];
  switch (line.outcome) {
    case 'priced':
      return [euros(line.amountCents!), line.period === 'year' ? PER_YEAR : EURO];
    case 'free':
      return [0, FREE];
    case 'refused':
      return ['refusé', missingAmountStyle];
    default:
      return [NOT_SPECIFIED, missingAmountStyle];
  }
}

function statusText(q: ProductQuote): string {
  if (q.kind === 'mav') return q.status === 'priced' ? 'tarifé' : q.status === 'refer' ? 'à soumettre à l’assureur' : 'refusé';
  if (q.totals.complete) return 'complet';
  if (!q.tariffGiven) return 'tarif non précisé par la source';
  const n = q.totals.incompleteMembers.length;
  return `incomplet : ${n} membre${n > 1 ? 's' : ''} sans tarif ou refusé${n > 1 ? 's' : ''}`;
}

/** The offers' columns of the "Devis" sheet: column B is the first offer. */
const offerColumn = (i: number) => 2 + i;

/** A row of the "Devis" sheet: its label, then one cell per offer. */
function offersRow(quotes: readonly ProductQuote[], label: string, labelStyle: Partial<Style>, cell: (q: ProductQuote, i: number) => Cell): GridRow {
  return cellsRow([[label, labelStyle], ...quotes.map(cell)]);
}

const DASH: Cell = ['—', missingAmountStyle];

/** The title, the household in one line and the offers' header; returns the header's row. */
function offersHeading(g: SheetGrid, data: QuoteWorkbookData, date: Date, merge: SheetRow['merge']): number {
  const counts = (['principal', 'conjoint', 'enfant'] as const).map((r) => [r, data.members.filter((m) => m.role === r).length] as const).filter(([, c]) => c > 0);
  const n = data.members.length;
  g.add(cellsRow([['Devis — cotisations du foyer, offres côte à côte', titleStyle]], { height: 20 }));
  const household = `${n} personne${n > 1 ? 's' : ''} (${counts.map(([r, c]) => `${c} ${roleLabels[r]}${c > 1 && r !== 'conjoint' ? 's' : ''}`).join(', ')})`;
  g.add(cellsRow([[`Date d’effet : ${formatDateFr(data.at)} — foyer de ${household} — document établi le ${formatDateFr(date.toISOString().slice(0, 10))}`, wrapNoteStyle]], { merge }));
  g.blank();
  const headers = data.quotes.map(offerHeader);
  const headerLines = Math.max(3, ...headers.map((h) => wrappedLines(h, OFFER_WIDTH)));
  return g.add(cellsRow([['Membre', headerLeftStyle], ...headers.map((h): Cell => [h, headerStyle])], { height: Math.min(409, headerLines * 15) }));
}

/** One row per member (and one for a price per household): the totals sum these rows. */
function membersBlock(g: SheetGrid, data: QuoteWorkbookData): BlockRows {
  const quotes = data.quotes;
  const members = g.block(groupRow('Cotisation de chaque membre', 1 + quotes.length), data.members, (m, i) =>
    offersRow(quotes, memberLabel(m, i), textStyle, (q) => {
      if (q.kind === 'household') return householdCell(q, q.lines.find((l) => l.member === i), i);
      const ml = q.members.find((x) => x.member === i);
      return [!ml ? '—' : ml.eligible ? 'assuré(e)' : 'refusé', ml?.eligible ? centerStyle : missingAmountStyle];
    }),
  );
  // a price per household (no member): its own row
  if (!quotes.some((q) => q.kind === 'household' && q.lines.some((l) => l.member === null))) return members;
  const lastRow = g.add(
    offersRow(quotes, 'Cotisation du foyer (montant unique)', textStyle, (q) => {
      const line = q.kind === 'household' ? q.lines.find((l) => l.member === null) : undefined;
      return line ? householdCell(q as HouseholdQuote, line, -1) : DASH;
    }),
  );
  return { ...members, lastRow };
}

/** The rows of the MAV's base and surcharge (the annual total adds them). */
interface MavRows {
  base: number;
  surcharge: number;
}

/** MAV: base and surcharge per offer ("—" for the others). */
function mavBlock(g: SheetGrid, quotes: readonly ProductQuote[]): MavRows {
  g.add(groupRow('Accidents de la vie (MAV) : cotisation annuelle du foyer', 1 + quotes.length));
  const mavRow = (label: string, cell: (q: MavQuote) => Cell) => g.add(offersRow(quotes, label, textStyle, (q) => (q.kind === 'mav' ? cell(q) : DASH)));
  return {
    base: mavRow('Cotisation de base (annuelle)', (q) => (q.baseAnnualCents === null ? missingCell() : [euros(q.baseAnnualCents), EURO])),
    surcharge: mavRow('Surprime sports à risque', (q) => (q.surcharge ? [euros(q.surcharge.amountCents), EURO] : q.status === 'priced' ? [0, EURO] : DASH)),
  };
}

/** The household's totals: formulas over the members' rows (and the MAV's base and surcharge), then each quote's state. */
function totalsBlock(g: SheetGrid, quotes: readonly ProductQuote[], members: BlockRows, mav: MavRows | null): void {
  const EURO_TOTAL = totalNumberStyle(NUMFMT_EURO);
  const dash: Cell = ['—', totalMissingStyle];
  const at = (i: number, row: number) => cellAddress(offerColumn(i), row);
  const totalRow = (label: string, cell: (q: ProductQuote, i: number) => Cell) => g.add(offersRow(quotes, label, totalLabelStyle, cell));
  g.add(groupRow('Totaux', 1 + quotes.length));
  const monthlyRow = totalRow('Cotisation mensuelle du foyer', (q, i) => {
    if (q.kind === 'mav') return dash;
    if (q.totals.monthlyCents !== null) return [formula(`SUM(${blockRange(members, offerColumn(i))})`, euros(q.totals.monthlyCents)), EURO_TOTAL];
    return q.totals.complete ? dash : [q.tariffGiven ? 'incomplet' : NOT_SPECIFIED, totalMissingStyle];
  });
  const annualRow = totalRow('Cotisation annuelle du foyer', (q, i) => {
    if (q.kind === 'mav') {
      if (q.annualCents === null || q.baseAnnualCents === null) return [q.status === 'refer' ? 'à soumettre' : 'refusé', totalMissingStyle];
      // a MAV offer has its base and surcharge rows
      return [formula(`${at(i, mav!.base)}+${at(i, mav!.surcharge)}`, euros(q.annualCents)), EURO_TOTAL];
    }
    if (q.totals.annualCents === null) return [q.tariffGiven ? 'incomplet' : NOT_SPECIFIED, totalMissingStyle];
    if (q.totals.monthlyCents !== null) return [formula(`12*${at(i, monthlyRow)}`, euros(q.totals.annualCents)), EURO_TOTAL];
    return [euros(q.totals.annualCents), EURO_TOTAL];
  });
  if (mav) {
    totalRow('Échéance (MAV, selon la périodicité)', (q, i) => {
      if (q.kind !== 'mav' || !q.installments) return dash;
      const inst = q.installments;
      return [formula(`ROUND(${at(i, annualRow)}/${inst.count},2)`, euros(inst.amountCents)), PER_PERIOD[inst.periodicity]];
    });
    totalRow('Première cotisation (MAV, prorata de l’année d’adhésion)', (q, i) => {
      if (q.kind !== 'mav' || !q.firstPremium) return dash;
      return [formula(`ROUND(${at(i, annualRow)}*${q.firstPremium.months}/12,2)`, euros(q.firstPremium.amountCents)), EURO_TOTAL];
    });
  }
  if (quotes.some((q) => q.kind === 'household' && !q.totals.complete && q.tariffGiven)) {
    totalRow('Montant connu par mois (total partiel des membres chiffrés)', (q, i) => {
      if (q.kind === 'mav' || q.totals.complete || !q.tariffGiven) return dash;
      // SUM leaves out the "non précisé" and "refusé" texts: exactly the partial sum
      return [formula(`SUM(${blockRange(members, offerColumn(i))})`, euros(q.totals.partialMonthlyCents)), EURO_TOTAL];
    });
  }
  totalRow('État du devis', (q) => [statusText(q), STATE_STYLE]);
}

const STATE_STYLE: Partial<Style> = { ...totalLabelStyle, alignment: { vertical: 'top', horizontal: 'center', wrapText: true } };

function quoteSheet(data: QuoteWorkbookData, date: Date): SheetSpec {
  const g = new SheetGrid();
  const width = 1 + data.quotes.length;
  const merge: SheetRow['merge'] = width > 1 ? [[1, width]] : undefined;
  const header = offersHeading(g, data, date, merge);
  if (header !== QUOTE_HEADER_ROW) throw new GrilleError('INTERNAL', 'mise en page du devis : ligne d’en-tête inattendue');
  const members = membersBlock(g, data);
  const mav = data.quotes.some((q) => q.kind === 'mav') ? mavBlock(g, data.quotes) : null;
  totalsBlock(g, data.quotes, members, mav);

  g.blank();
  const notes = [
    'Montants en euros. Les totaux sont des formules sur les cellules des membres ; « non précisé » : la source ne donne pas le tarif (jamais remplacé par 0).',
    'Le détail de chaque ligne (segment, règle, source) est dans la feuille « Détail » ; les hypothèses et les refus dans « Hypothèses et refus ».',
  ];
  for (const t of notes) g.add(cellsRow([[t, wrapNoteStyle]], { merge }));

  return {
    name: SHEET_QUOTE,
    widths: [44, ...data.quotes.map(() => OFFER_WIDTH)],
    frozen: { rows: header, columns: 1 },
    pageSetup: landscapeFitToWidth({ printTitlesRow: `${header}:${header}`, printTitlesColumn: 'A:A' }),
    rows: g.rows(),
  };
}

function householdSheet(data: QuoteWorkbookData): SheetSpec {
  const rows: SheetRow[] = [];
  rows.push({ values: ['N°', 'Rôle', 'Date de naissance', 'Statut', 'Nom'], style: headerLeftStyle });
  data.members.forEach((m, i) => {
    rows.push({
      values: [i + 1, roleLabels[m.role] ?? m.role, /^\d{4}-\d{2}-\d{2}$/.test(m.birth) ? formatDateFr(m.birth) : m.birth, m.status ? (STATUS_FR[m.status] ?? m.status) : '', m.label ?? ''],
      styles: [centerStyle, textStyle, textStyle, textStyle, textStyle],
    });
  });
  rows.push({ values: [] });
  rows.push({ values: ['', 'Paramètre', 'Valeur'], styles: [undefined, headerLeftStyle, headerLeftStyle] });
  const params: [string, string][] = [
    ['Date d’effet', formatDateFr(data.at)],
    ['Formules demandées', data.formulas?.length ? data.formulas.join(', ') : 'toutes'],
  ];
  if (data.quotes.some((q) => q.kind === 'mav')) {
    params.push(
      ['Options MAV', data.mav?.options?.length ? data.mav.options.join(', ') : 'toutes'],
      ['Sports à risque déclarés', data.mav?.sports?.length ? data.mav.sports.join(', ') : 'aucun'],
      ['Périodicité', data.mav?.periodicity ?? 'non indiquée (annuel retenu)'],
      ['Date d’adhésion', data.mav?.adhesion ? formatDateFr(data.mav.adhesion) : `non indiquée (date d’effet : ${formatDateFr(data.at)})`],
      ['Options abandonnées auparavant', data.mav?.renouncedOptions?.length ? data.mav.renouncedOptions.join(', ') : 'aucune'],
    );
  }
  for (const [k, v] of params) rows.push({ values: ['', k, v], styles: [undefined, textStyle, textStyle] });
  return { name: SHEET_HOUSEHOLD, widths: [6, 30, 40, 12, 24], frozen: { rows: 1, columns: 0 }, pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }), rows };
}

function src(s: Source | null | undefined): string {
  if (!s) return '';
  return `${sourceFileText(s.file)}, ${s.section}, l. ${lineRange(s)}`;
}

const OUTCOME_FR: Record<QuoteLine['outcome'], string> = { priced: 'tarifé', free: 'gratuit', 'non-precise': NOT_SPECIFIED, refused: 'refusé' };

function linesSheet(data: QuoteWorkbookData): SheetSpec {
  const rows: SheetRow[] = [];
  rows.push({
    values: ['Offre', 'Formule', 'Version', 'Membre', 'Âge', 'Segment', 'Rang enfant', 'Cotisation', 'Période', 'Résultat', 'Explication', 'Source'],
    style: headerLeftStyle,
  });
  const amount = (cents: number | null): [CellValue, Partial<Style>] => (cents === null ? [NOT_SPECIFIED, missingAmountStyle] : [euros(cents), EURO]);
  for (const q of data.quotes) {
    const version = q.version?.label ?? 'aucune';
    if (q.kind === 'household') {
      for (const l of q.lines) {
        const member = l.member === null ? 'foyer' : memberLabel(data.members[l.member] ?? { role: l.role ?? 'principal', birth: l.birth ?? '' }, l.member);
        const [v, s] = l.outcome === 'free' ? ([0, FREE] as [CellValue, Partial<Style>]) : amount(l.amountCents);
        rows.push({
          values: [q.productName, q.formula.label, version, member, l.age ?? '', l.segment?.label ?? '', l.rank ?? '', v, l.period === 'year' ? 'par an' : l.period === 'month' ? 'par mois' : '', OUTCOME_FR[l.outcome], l.why, src(l.cell?.source ?? l.segment?.source)],
          styles: [textStyle, textStyle, textStyle, textStyle, centerStyle, textStyle, centerStyle, s, textStyle, textStyle, textStyle, textStyle],
        });
      }
      if (q.lines.length === 0) {
        rows.push({ values: [q.productName, q.formula.label, version, '', '', '', '', NOT_SPECIFIED, '', statusText(q), q.notes.join(' ') || q.refusals.map((r) => r.message).join(' ; '), ''], style: textStyle });
      }
      continue;
    }
    const formulaText = `${q.formula.label}, ${q.option.label}`;
    const mavLine = (what: string, cents: number | null, why: string, source: Source | null | undefined, style?: Partial<Style>) => {
      const [v, s] = amount(cents);
      rows.push({
        values: [q.productName, formulaText, version, 'foyer', '', '', '', v, 'par an', what, why, src(source)],
        styles: [textStyle, textStyle, textStyle, textStyle, centerStyle, textStyle, centerStyle, style && cents !== null ? style : s, textStyle, textStyle, textStyle, textStyle],
      });
    };
    mavLine('cotisation de base', q.baseAnnualCents, q.base ? `cotisation ${q.base.period === 'year' ? 'annuelle' : 'mensuelle × 12'} de la formule et de l’option` : 'tarif non précisé par la source', q.base?.source);
    if (q.surcharge) mavLine('surprime sports à risque', q.surcharge.amountCents, `${q.surcharge.sports} sport(s) : +${q.surcharge.percent} % de la cotisation annuelle`, q.surcharge.rule.source);
    if (q.status === 'priced') mavLine('cotisation annuelle', q.annualCents, 'cotisation de base + surprime', null);
    if (q.installments) {
      const i = q.installments;
      rows.push({
        values: [q.productName, formulaText, version, 'foyer', '', '', '', euros(i.amountCents), i.periodicity, 'échéance', `${i.count} × ${formatEuros(i.amountCents)} = ${formatEuros(i.totalCents)} ; écart d’arrondi sur l’année : ${formatSignedEuros(i.roundingDiffCents)}`, ''],
        styles: [textStyle, textStyle, textStyle, textStyle, centerStyle, textStyle, centerStyle, EURO, textStyle, textStyle, textStyle, textStyle],
      });
    }
    if (q.firstPremium) mavLine('première cotisation', q.firstPremium.amountCents, `prorata de ${q.firstPremium.months} mois sur 12`, q.firstPremium.rule.source);
    for (const s of q.sports.lines) {
      rows.push({ values: [q.productName, formulaText, version, 'foyer', '', '', '', '', '', `sport « ${s.input} »`, s.why, ''], style: textStyle });
    }
    if (q.status !== 'priced') rows.push({ values: [q.productName, formulaText, version, 'foyer', '', '', '', NOT_SPECIFIED, '', statusText(q), 'non tarifé : voir « Hypothèses et refus »', ''], style: textStyle });
  }
  return {
    name: SHEET_LINES,
    widths: [36, 22, 26, 34, 6, 24, 8, 13, 10, 14, 60, 40],
    frozen: { rows: 1, columns: 0 },
    pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }),
    rows,
  };
}

function notesSheet(data: QuoteWorkbookData): SheetSpec {
  const rows: SheetRow[] = [];
  rows.push({ values: ['Type', 'Texte', 'Offres concernées', 'Règle / source', 'Citation'], style: headerLeftStyle });
  // one line per distinct statement, with the offers it concerns
  const items = new Map<string, { type: string; text: string; offers: string[]; where: string; quote: string }>();
  const add = (type: string, text: string, offer: string, source: Source | null | undefined, ruleText?: string) => {
    const k = `${type}\u0000${text}`;
    let it = items.get(k);
    if (!it) items.set(k, (it = { type, text, offers: [], where: ruleText ? `${ruleText}${source ? ` (${src(source)})` : ''}` : src(source), quote: source?.quote ?? '' }));
    if (!it.offers.includes(offer)) it.offers.push(offer);
  };
  const refusal = (type: string, r: Refusal, offer: string) => add(type, r.message, offer, r.rule?.source, r.rule?.text);
  for (const q of data.quotes) {
    const offer = offerName(q);
    for (const r of q.refusals) refusal('Refus', r, offer);
    if (q.kind === 'mav') for (const r of q.referrals) refusal('À soumettre à l’assureur', r, offer);
    for (const note of q.notes) add('Note', note, offer, null);
    for (const h of q.hypotheses) add('Hypothèse', h.text, offer, h.source);
  }
  const order = ['Refus', 'À soumettre à l’assureur', 'Note', 'Hypothèse'];
  const sorted = [...items.values()].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  for (const it of sorted) {
    rows.push({
      values: [it.type, it.text, it.offers.length === data.quotes.length && data.quotes.length > 1 ? 'toutes' : it.offers.join(', '), it.where, it.quote],
      style: textStyle,
    });
  }
  if (sorted.length === 0) rows.push({ values: ['', 'Aucune hypothèse ni aucun refus.'], style: textStyle });
  return { name: SHEET_NOTES, widths: [14, 70, 30, 40, 60], frozen: { rows: 1, columns: 0 }, pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }), rows };
}

export function quoteWorkbookSpec(data: QuoteWorkbookData, options: QuoteWorkbookOptions): WorkbookSpec {
  if (data.quotes.length === 0) throw new GrilleError('INVALID_INPUT', 'aucune offre à exporter');
  const date = toDocumentDate(options.date);
  return {
    properties: {
      title: options.title ?? 'Devis',
      subject: [...new Set(data.quotes.map((q) => q.productName))].join(' ; '),
      description: `${data.quotes.length} offre(s) pour un foyer de ${data.members.length} personne(s), date d’effet ${formatDateFr(data.at)}`,
      keywords: 'Grille; devis; cotisations',
      category: 'Devis',
      date,
    },
    sheets: [quoteSheet(data, date), householdSheet(data), linesSheet(data), notesSheet(data)],
  };
}

/** The quote as an .xlsx file's bytes; the same quotes and options give the same bytes. */
export async function writeQuoteWorkbook(data: QuoteWorkbookData, options: QuoteWorkbookOptions): Promise<Buffer> {
  return writeWorkbook(quoteWorkbookSpec(data, options), options.hooks);
}
