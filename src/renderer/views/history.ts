/**
 * A product's history: its audit entries, newest first (date and time, what, comment, « annulée »), and
 * « Annuler la dernière modification » for the entry the main process says can be undone now. The what
 * is the main process's text, which already carries the change (« 15 h … » → « 20 h … », 25,14 € → 26,00 €,
 * the label added): it is shown once, with no column repeating old → new.
 */
import type { HistoryEntryDto } from '../../shared/api';
import { ask } from '../ui/api';
import type { AppContext } from '../ui/context';
import { confirmDialog, openDialog } from '../ui/dialog';
import { button, h, replace } from '../ui/dom';
import { frDateTime, simpleValue } from '../ui/edit-values';
import { sendUndo } from '../ui/edits';
import { errorText, say } from '../ui/notice';

/**
 * "15 h sur 2 semaines → 20 h sur 30 jours", "→ Renforcée +", or null when a side is not simple: the undo
 * dialog reads the value that comes back from it.
 */
export function changeText(e: Pick<HistoryEntryDto, 'oldValue' | 'newValue'>): string | null {
  const before = simpleValue(e.oldValue);
  const after = simpleValue(e.newValue);
  if (before !== null && after !== null) return before === after ? null : `${before} → ${after}`;
  if (before === null && after !== null && (e.oldValue === null || e.oldValue === undefined)) return `→ ${after}`;
  return null;
}

export function historySection(ctx: AppContext, productId: string): HTMLElement {
  const status = h('div', { class: 'slot' });
  const list = h('div', { class: 'history-list' });
  const undoBtn = button('Annuler la dernière modification', () => void undo(), { class: 'history-undo', disabled: true, dataset: { command: 'undoEdit' } });
  const element = h('section', { class: 'history', attrs: { 'aria-label': 'Historique du produit' } }, h('h4', { text: 'Historique' }), h('div', { class: 'actions' }, undoBtn), status, list);
  let entries: HistoryEntryDto[] = [];

  async function load(): Promise<void> {
    const r = await ask(() => ctx.api().history({ productId }));
    if (!r.ok) {
      say(status, 'error', `Historique indisponible : ${errorText(r.error)}`, 'Rouvrez le produit ; si l’erreur revient, relancez Grille.');
      undoBtn.disabled = true;
      return;
    }
    entries = [...r.value].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
    replace(status);
    undoBtn.disabled = !entries.some((e) => e.undoable);
    if (entries.length === 0) {
      replace(list, h('p', { class: 'muted', text: 'Aucune modification enregistrée pour ce produit.' }));
      return;
    }
    const undone = new Set(entries.filter((e) => e.undoneBy !== null).map((e) => e.id));
    replace(
      list,
      h(
        'table',
        { class: 'simple history-table' },
        h('thead', null, h('tr', null, ...['Date', 'Modification', 'Commentaire', 'État'].map((t) => h('th', { text: t, scope: 'col' })))),
        h(
          'tbody',
          null,
          ...entries.map((e) =>
            h(
              'tr',
              { class: undone.has(e.id) ? 'history-undone' : e.undoable ? 'history-undoable' : '', dataset: { audit: String(e.id) } },
              h('td', { class: 'nowrap', text: frDateTime(e.at) }),
              h('td', { text: e.what }),
              h('td', { text: e.comment ?? '' }),
              h('td', null, undone.has(e.id) ? h('span', { class: 'badge badge-undone', text: 'annulée' }) : e.undoable ? h('span', { class: 'muted', text: 'dernière, annulable' }) : null),
            ),
          ),
        ),
      ),
    );
  }

  async function undo(): Promise<void> {
    const last = entries.find((e) => e.undoable);
    if (!last) return;
    const change = changeText(last);
    const yes = await confirmDialog(
      'Annuler la dernière modification ?',
      [
        h('p', null, h('strong', { text: last.what })),
        h('p', { class: 'muted', text: `Enregistrée le ${frDateTime(last.at)}${last.comment ? ` — « ${last.comment} »` : ''}.` }),
        change ? h('p', { text: `La valeur revient à l’état d’avant : ${change.split(' → ')[0] ?? ''}` }) : h('p', { text: 'Le catalogue revient à l’état d’avant cette modification.' }),
        h('p', { class: 'hint', text: 'L’annulation est elle-même gardée dans l’historique.' }),
      ],
      'Annuler la modification',
      'dialog-undo',
      'Garder la modification',
    );
    if (!yes) return;
    undoBtn.disabled = true;
    const outcome = await sendUndo(ctx, productId);
    if (!outcome.ok) {
      // the refusal is shown in a dialog: the page behind may reload meanwhile
      await openDialog({ title: 'Annulation impossible', body: [h('div', { class: 'notice notice-error', attrs: { role: 'alert' } }, h('span', { text: outcome.message ?? '' }), h('span', { class: 'notice-hint', text: ` ${outcome.hint ?? ''}` }))], submitLabel: null });
      await load();
    }
    // on success the catalogue is invalidated: the product detail (and this section) is rebuilt
  }

  void load();
  return element;
}
