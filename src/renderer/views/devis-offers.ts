/**
 * The offers of a quote (product × formula, for the products that have a tariff) and, when a MAV is
 * chosen, its options: option, sports from the product's own list, périodicité, date d'adhésion.
 */
import type { ProductSummaryDto, QuoteRequestDto } from '../../shared/api';
import type { ProductFile } from '../../shared/core/catalogue-schema';
import { parseDateFr } from '../ui/dates';
import { checkbox, field, h, replace, select } from '../ui/dom';
import { isPeriodicityLabel, kindLabels, periodicityLabels } from '../ui/labels';

export interface Offer {
  productId: string;
  formula: string;
}

interface SportEntry {
  code: string;
  label: string;
}

function sportsOf(p: ProductFile): SportEntry[] {
  const rule = p.rules.find((r) => r.type === 'sports-list');
  const list = (rule?.params as { sports?: unknown } | undefined)?.sports;
  return Array.isArray(list) ? list.filter((s): s is SportEntry => !!s && typeof (s as SportEntry).code === 'string').map((s) => ({ code: s.code, label: String(s.label ?? s.code) })) : [];
}

export function offersPicker(load: (id: string) => Promise<ProductFile | null>): {
  element: HTMLElement;
  fill(products: readonly ProductSummaryDto[]): void;
  select(productId: string): void;
  read(): { ok: true; offers: Offer[]; mav: QuoteRequestDto['mav'] | undefined } | { ok: false; message: string; focus?: HTMLElement };
} {
  const body = h('div', { class: 'offers-body' });
  const mavBox = h('fieldset', { class: 'mav-options', hidden: true }, h('legend', { text: 'Options MAV' }));
  const boxes: { input: HTMLInputElement; offer: Offer; kind: ProductSummaryDto['kind'] }[] = [];
  const periodicity = select(Object.entries(periodicityLabels).map(([value, label]) => ({ value, label })), 'annuel', { id: 'mav-periodicite' });
  const adhesion = h('input', { type: 'text', id: 'mav-adhesion', placeholder: 'JJ/MM/AAAA', inputMode: 'numeric', size: 12 });
  const otherSport = h('input', { type: 'text', id: 'mav-autre-sport', placeholder: 'ex. parapente' });
  let optionBoxes: { input: HTMLInputElement; code: string }[] = [];
  let sportBoxes: { input: HTMLInputElement; code: string }[] = [];
  let mavShownFor = '';

  async function refreshMav(): Promise<void> {
    const ids = [...new Set(boxes.filter((b) => b.input.checked && b.kind === 'mav').map((b) => b.offer.productId))];
    mavBox.hidden = ids.length === 0;
    if (ids.join() === mavShownFor) return;
    mavShownFor = ids.join();
    if (ids.length === 0) return;
    const products = (await Promise.all(ids.map(load))).filter((p): p is ProductFile => p !== null);
    const options = new Map<string, string>();
    const sports = new Map<string, string>();
    for (const p of products) {
      for (const f of p.formulas.filter((x) => x.kind === 'option')) options.set(f.code, f.label);
      for (const s of sportsOf(p)) sports.set(s.code, s.label);
    }
    const prevOptions = new Set(optionBoxes.filter((b) => b.input.checked).map((b) => b.code));
    const prevSports = new Set(sportBoxes.filter((b) => b.input.checked).map((b) => b.code));
    optionBoxes = [...options].map(([code, label]) => ({ code, input: checkbox(label, prevOptions.has(code), { dataset: { option: code } }).input }));
    sportBoxes = [...sports].map(([code, label]) => ({ code, input: checkbox(label, prevSports.has(code), { dataset: { sport: code } }).input }));
    replace(
      mavBox,
      h('legend', { text: 'Options MAV' }),
      h('fieldset', { class: 'inline' }, h('legend', { text: 'Option (aucune cochée : toutes)' }), ...optionBoxes.map((b) => b.input.parentElement!)),
      h('fieldset', { class: 'sports' }, h('legend', { text: 'Sports à risque pratiqués' }), h('div', { class: 'sport-list' }, ...sportBoxes.map((b) => b.input.parentElement!)), field('Autre sport (séparez par des virgules)', otherSport, 'Un sport hors de la liste est refusé ; un sport aérien est à soumettre à l’assureur.')),
      h('div', { class: 'form-row' }, field('Périodicité', periodicity), field('Date d’adhésion', adhesion, 'JJ/MM/AAAA — vide : la date d’effet du devis.')),
    );
  }

  const element = h('fieldset', { class: 'offers' }, h('legend', { text: 'Offres à chiffrer' }), body, mavBox);

  return {
    element,
    fill(products) {
      const previous = new Set(boxes.filter((b) => b.input.checked).map((b) => `${b.offer.productId}|${b.offer.formula}`));
      boxes.length = 0;
      const priced = products.filter((p) => p.tariffCellCount > 0);
      if (priced.length === 0) {
        replace(body, h('p', { class: 'muted', text: 'Aucun produit du catalogue n’a de grille de cotisations : il n’y a rien à chiffrer.' }));
        return;
      }
      replace(
        body,
        h(
          'ul',
          { class: 'offer-list' },
          ...priced.map((p) =>
            h(
              'li',
              null,
              h('span', { class: 'offer-product', text: `${p.name}` }),
              h('span', { class: 'picker-insurer', text: ` ${kindLabels[p.kind]} — ${p.insurer.name}` }),
              h(
                'span',
                { class: 'picker-formulas' },
                ...p.formulas
                  .filter((f) => f.kind === 'formula')
                  .map((f) => {
                    const box = checkbox(f.label, previous.has(`${p.id}|${f.code}`), { dataset: { product: p.id, formula: f.code }, on: { change: () => void refreshMav() } });
                    box.input.setAttribute('aria-label', `${p.name} — ${f.label}`);
                    boxes.push({ input: box.input, offer: { productId: p.id, formula: f.code }, kind: p.kind });
                    return box.wrap;
                  }),
              ),
            ),
          ),
        ),
      );
      void refreshMav();
    },
    select(productId) {
      for (const b of boxes) if (b.offer.productId === productId) b.input.checked = true;
      void refreshMav();
    },
    read() {
      const offers = boxes.filter((b) => b.input.checked).map((b) => b.offer);
      if (offers.length === 0) return { ok: false, message: 'Choisissez au moins une offre à chiffrer (une formule d’un produit).' };
      if (mavBox.hidden) return { ok: true, offers, mav: undefined };
      let adhesionIso: string | undefined;
      if (adhesion.value.trim()) {
        const d = parseDateFr(adhesion.value, 'Date d’adhésion');
        if (!d.ok) return { ok: false, message: d.message, focus: adhesion };
        adhesionIso = d.iso;
      }
      const sports = [...sportBoxes.filter((b) => b.input.checked).map((b) => b.code), ...otherSport.value.split(',').map((s) => s.trim()).filter(Boolean)];
      const options = optionBoxes.filter((b) => b.input.checked).map((b) => b.code);
      return { ok: true, offers, mav: { options, sports, periodicity: isPeriodicityLabel(periodicity.value) ? periodicity.value : 'annuel', ...(adhesionIso ? { adhesion: adhesionIso } : {}) } };
    },
  };
}
