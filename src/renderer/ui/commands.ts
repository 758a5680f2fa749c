/**
 * Native menu commands in the page. A view marks the controls a command acts on with
 * `data-command` (`dataset: { command: 'export' }`; several commands separated by spaces): « Exporter… » clicks the shown view's
 * export button, « Rechercher… » focuses its search field, « Copier la grille » clicks its copy
 * button. A view needs no other code to take part, and a command always acts on what the person sees.
 */
import type { MenuCommand } from '../../shared/api';

export type ActionCommand = Exclude<MenuCommand, `view:${string}`>;

/** What each command is called in messages (the menu item's name). */
export const commandLabels: Record<ActionCommand, string> = {
  export: 'Exporter…',
  find: 'Rechercher…',
  copyGrid: 'Copier la grille',
  import: 'Importer des données de catalogue…',
  exportCatalogue: 'Exporter le catalogue…',
  undoEdit: 'Annuler la dernière modification du catalogue',
};

function shown(el: HTMLElement): boolean {
  return el.closest('[hidden]') === null && el.getClientRects().length > 0;
}

/**
 * Runs a command on the first shown, enabled control of `scope` marked for it. Returns false when
 * the scope has none (the caller says the command does nothing here).
 */
export function runCommand(scope: ParentNode, command: ActionCommand): boolean {
  const candidates = [...scope.querySelectorAll<HTMLElement>(`[data-command~="${command}"]`)];
  const target = candidates.find((el) => shown(el) && !(el as HTMLButtonElement).disabled);
  if (!target) return false;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
    target.focus();
    if (!(target instanceof HTMLSelectElement)) target.select();
  } else {
    target.click();
  }
  return true;
}
