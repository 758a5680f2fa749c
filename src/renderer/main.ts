/**
 * The renderer: six views over window.grille. It asks the main process and shows the answer with its
 * explanation; it computes no price. One tab per view; a view is built the first time it is shown and
 * keeps its state when another tab is opened.
 */
import { isMenuCommand, type MenuCommand } from '../shared/api';
import { CatalogueCache } from './ui/api';
import { commandLabels, runCommand, type ActionCommand } from './ui/commands';
import type { AppContext, NavParams, View, ViewFactory, ViewId } from './ui/context';
import { h } from './ui/dom';
import { progressPanel } from './ui/progress';
import { say } from './ui/notice';
import { catalogueView } from './views/catalogue';
import { comparaisonView } from './views/comparaison';
import { devisView } from './views/devis';
import { remboursementsView } from './views/remboursements';
import { revisionView } from './views/revision';
import { tarifsView } from './views/tarifs';

const views: { id: ViewId; title: string; factory: ViewFactory }[] = [
  { id: 'catalogue', title: 'Catalogue', factory: catalogueView },
  { id: 'comparaison', title: 'Comparaison', factory: comparaisonView },
  { id: 'tarifs', title: 'Tarifs', factory: tarifsView },
  { id: 'devis', title: 'Devis', factory: devisView },
  { id: 'revision', title: 'Révision / Délibération', factory: revisionView },
  { id: 'remboursements', title: 'Remboursements', factory: remboursementsView },
];

function start(): void {
  const tabs = document.getElementById('tabs')!;
  const main = document.getElementById('app')!;
  main.replaceChildren();
  // one panel for the long jobs of every view (progress, « Annuler »)
  document.body.appendChild(progressPanel(() => window.grille).element);
  const built = new Map<ViewId, { view: View; panel: HTMLElement }>();
  const buttons = new Map<ViewId, HTMLButtonElement>();

  const ctx: AppContext = {
    api: () => window.grille,
    catalogue: new CatalogueCache(() => window.grille),
    go: (id, params) => open(id, params, true),
  };

  function open(id: ViewId, params: NavParams | undefined, focus: boolean): void {
    const def = views.find((v) => v.id === id)!;
    let entry = built.get(id);
    if (!entry) {
      const view = def.factory(ctx);
      const panel = h('section', { class: 'view', id: `vue-${id}`, attrs: { role: 'tabpanel', 'aria-labelledby': `onglet-${id}` } }, view.element);
      main.appendChild(panel);
      entry = { view, panel };
      built.set(id, entry);
    }
    for (const [other, b] of buttons) {
      const selected = other === id;
      b.setAttribute('aria-selected', String(selected));
      b.tabIndex = selected ? 0 : -1;
      const panel = built.get(other)?.panel;
      if (panel) panel.hidden = !selected;
    }
    entry.view.show(params);
    if (focus) buttons.get(id)?.focus();
    document.title = `Grille — ${def.title}`;
  }

  for (const def of views) {
    const b = h('button', {
      type: 'button',
      id: `onglet-${def.id}`,
      class: 'tab',
      text: def.title,
      attrs: { role: 'tab', 'aria-controls': `vue-${def.id}`, 'aria-selected': 'false' },
      on: {
        click: () => open(def.id, undefined, false),
        keydown: (e: KeyboardEvent) => {
          // arrow keys move between tabs (WAI-ARIA tabs pattern)
          const i = views.findIndex((v) => v.id === def.id);
          const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
          if (step === 0) return;
          e.preventDefault();
          open(views[(i + step + views.length) % views.length]!.id, undefined, true);
        },
      },
    });
    buttons.set(def.id, b);
    tabs.appendChild(b);
  }
  open('catalogue', undefined, false);

  // Native menu commands (Fichier, Édition, Affichage): a view by its name, or an action on the view shown.
  const announce = h('div', { class: 'app-announce', attrs: { 'aria-live': 'polite' } });
  document.body.appendChild(announce);
  const shownView = (): ViewId => [...buttons].find(([, b]) => b.getAttribute('aria-selected') === 'true')?.[0] ?? 'catalogue';
  let announceTimer: number | undefined;
  // catalogue-wide actions work from any view: they are done in the Catalogue view
  const catalogueWide: readonly ActionCommand[] = ['import', 'exportCatalogue', 'undoEdit'];
  function onMenu(command: MenuCommand): void {
    announce.replaceChildren();
    window.clearTimeout(announceTimer);
    if (command.startsWith('view:')) {
      const target = command === 'view:deliberation' ? 'revision' : (command.slice('view:'.length) as ViewId);
      if (!views.some((v) => v.id === target)) return;
      open(target, undefined, true);
      if (command === 'view:deliberation') document.getElementById('deliberation')?.scrollIntoView({ block: 'start' });
      return;
    }
    const action = command as ActionCommand;
    const current = shownView();
    const panel = built.get(current)?.panel;
    if (panel && runCommand(panel, action)) return;
    if (catalogueWide.includes(action) && current !== 'catalogue') {
      open('catalogue', undefined, false);
      const catalogue = built.get('catalogue')?.panel;
      if (catalogue && runCommand(catalogue, action)) return;
    }
    const title = views.find((v) => v.id === shownView())?.title ?? '';
    if (action === 'undoEdit') say(announce, 'info', 'Aucune modification à annuler ici.', 'Ouvrez un produit dans le Catalogue : son historique montre ses modifications et permet d’annuler la dernière.');
    else say(announce, 'info', `« ${commandLabels[action]} » n’a pas d’effet dans la vue ${title} telle qu’elle est affichée.`, 'Ouvrez la vue qui montre ce que vous voulez exporter, copier ou rechercher.');
    announceTimer = window.setTimeout(() => announce.replaceChildren(), 10_000);
  }
  window.grille.onMenu((command) => {
    if (isMenuCommand(command)) onMenu(command);
  });
}

start();
