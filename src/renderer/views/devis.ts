/** Devis: a household and the offers chosen → the quote of each offer side by side, with its explanation. */
import type { QuoteRequestDto } from '../../shared/api';
import { ask } from '../ui/api';
import { busy } from '../ui/busy';
import type { AppContext, View } from '../ui/context';
import { parseDateFr, todayIso } from '../ui/dates';
import { button, field, h, replace } from '../ui/dom';
import { errorText, say, sayExported } from '../ui/notice';
import { formatDateFr } from '../../shared/core/format';
import { householdEditor } from './devis-household';
import { offersPicker } from './devis-offers';
import { quoteCards } from './devis-results';
import { productListShow } from '../ui/product-list';

export function devisView(ctx: AppContext): View {
  const at = h('input', { type: 'text', id: 'devis-date', value: formatDateFr(todayIso()), placeholder: 'JJ/MM/AAAA', inputMode: 'numeric', size: 12 });
  const household = householdEditor();
  const offers = offersPicker(async (id) => {
    const r = await ctx.catalogue.product(id);
    return r.ok ? r.value : null;
  });
  const quoteBtn = button('Calculer les devis', () => void run(), { class: 'primary', id: 'devis-calculer' });
  const exportBtn = button('Exporter en Excel', () => void exportXlsx(), { id: 'devis-exporter', disabled: true, dataset: { command: 'export' } });
  const status = h('div', { class: 'slot' });
  const results = h('div', { class: 'quote-results', attrs: { 'aria-live': 'polite' } });
  const element = h(
    'div',
    { class: 'devis' },
    h('div', { class: 'view-head' }, h('h2', { text: 'Devis' }), h('p', { class: 'lead', text: 'Décrivez le foyer, cochez les offres, puis « Calculer les devis ». Chaque cotisation est expliquée : segment, cellule de la source, hypothèses et refus.' })),
    h('div', { class: 'devis-form' }, household.element, offers.element),
    h('div', { class: 'form-row' }, field('Date d’effet', at, 'JJ/MM/AAAA : choisit la version du tarif et l’année des âges.'), quoteBtn, exportBtn),
    status,
    results,
  );

  let lastRequest: QuoteRequestDto | null = null;

  function request(): QuoteRequestDto | null {
    const date = parseDateFr(at.value, 'Date d’effet');
    if (!date.ok) {
      say(status, 'error', date.message);
      at.focus();
      return null;
    }
    const members = household.read();
    if (!members.ok) {
      say(status, 'error', members.message);
      members.focus.focus();
      return null;
    }
    const chosen = offers.read();
    if (!chosen.ok) {
      say(status, 'empty', chosen.message);
      chosen.focus?.focus();
      return null;
    }
    return {
      offers: chosen.offers.map((o) => ({ productId: o.productId, formula: o.formula })),
      at: date.iso,
      members: members.members,
      ...(chosen.mav ? { mav: chosen.mav } : {}),
    };
  }

  async function run(): Promise<void> {
    const r = request();
    if (!r) return;
    say(status, 'info', 'Calcul des devis…');
    const answer = await busy(quoteBtn, 'Calcul…', () => ask(() => ctx.api().quote(r)));
    if (!answer.ok) {
      say(status, 'error', errorText(answer.error), 'Corrigez le foyer ou les offres, puis relancez.');
      return;
    }
    lastRequest = r;
    exportBtn.disabled = false;
    // the ticked offers, each priced once: the export of lastRequest holds the same quotes
    const quotes = answer.value;
    if (quotes.length === 0) {
      say(status, 'empty', 'Aucun devis : les offres choisies ne s’appliquent pas à ce foyer.', 'Vérifiez les formules cochées.');
      replace(results);
      return;
    }
    say(status, 'ok', `${quotes.length} devis au ${formatDateFr(r.at)}.`);
    replace(results, quoteCards(quotes));
  }

  async function exportXlsx(): Promise<void> {
    if (!lastRequest) return;
    const r = lastRequest;
    const answer = await busy(exportBtn, 'Export…', () => ask(() => ctx.api().exportQuote(r)));
    sayExported(status, answer);
  }

  const showView = productListShow(ctx, status, {
    fill: (products, wanted) => {
      offers.fill(products);
      if (wanted) offers.select(wanted);
    },
    select: (id) => offers.select(id),
  });

  return { element, show: showView };
}
