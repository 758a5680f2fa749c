/**
 * Native menus in French. Items that act on the data (export, search, views) send a menu command
 * to the renderer (src/shared/api.ts `menuCommands`), which knows what they mean in the current
 * view; the rest are Electron roles.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/api';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** the developer items (reload, developer tools), only outside the packaged app */
  developer: boolean;
  send: (command: MenuCommand) => void;
}

export function menuTemplate({ platform, developer, send }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(cmd),
  });
  return [
    ...(isMac
      ? [
          {
            label: 'Grille',
            submenu: [
              { role: 'about', label: 'À propos de Grille' },
              { type: 'separator' },
              { role: 'hide', label: 'Masquer Grille' },
              { role: 'hideOthers', label: 'Masquer les autres' },
              { role: 'unhide', label: 'Tout afficher' },
              { type: 'separator' },
              { role: 'quit', label: 'Quitter Grille' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'Fichier',
      submenu: [
        command('Importer des données de catalogue…', 'import', 'CmdOrCtrl+O'),
        { type: 'separator' },
        command('Exporter…', 'export', 'CmdOrCtrl+E'),
        command('Exporter le catalogue…', 'exportCatalogue', 'CmdOrCtrl+Shift+E'),
        { type: 'separator' },
        isMac ? { role: 'close', label: 'Fermer la fenêtre', accelerator: 'Cmd+W' } : { role: 'quit', label: 'Quitter', accelerator: 'Ctrl+Q' },
      ],
    },
    {
      label: 'Édition',
      submenu: [
        { role: 'undo', label: 'Annuler' },
        { role: 'redo', label: 'Rétablir' },
        { type: 'separator' },
        { role: 'cut', label: 'Couper' },
        { role: 'copy', label: 'Copier' },
        { role: 'paste', label: 'Coller' },
        { role: 'selectAll', label: 'Tout sélectionner' },
        { type: 'separator' },
        command('Copier la grille', 'copyGrid', 'CmdOrCtrl+Shift+C'),
        command('Rechercher…', 'find', 'CmdOrCtrl+F'),
        { type: 'separator' },
        // not Ctrl+Z: that one undoes typing in the field being edited (the role above)
        command('Annuler la dernière modification du catalogue', 'undoEdit', 'CmdOrCtrl+Alt+Z'),
      ],
    },
    {
      label: 'Affichage',
      submenu: [
        command('Catalogue', 'view:catalogue', 'CmdOrCtrl+1'),
        command('Comparaison', 'view:comparaison', 'CmdOrCtrl+2'),
        command('Tarifs', 'view:tarifs', 'CmdOrCtrl+3'),
        command('Devis', 'view:devis', 'CmdOrCtrl+4'),
        command('Révision', 'view:revision', 'CmdOrCtrl+5'),
        command('Délibération', 'view:deliberation', 'CmdOrCtrl+6'),
        command('Remboursements', 'view:remboursements', 'CmdOrCtrl+7'),
        { type: 'separator' },
        { role: 'resetZoom', label: 'Taille réelle' },
        { role: 'zoomIn', label: 'Zoom avant' },
        { role: 'zoomOut', label: 'Zoom arrière' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Plein écran' },
        ...(developer
          ? ([
              { type: 'separator' },
              { role: 'reload', label: 'Recharger' },
              { role: 'toggleDevTools', label: 'Outils de développement' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
      ],
    },
    {
      label: 'Aide',
      role: 'help',
      submenu: [{ role: 'about', label: 'À propos de Grille' }],
    },
  ];
}

export function buildMenu(options: MenuOptions): Menu {
  return Menu.buildFromTemplate(menuTemplate(options));
}
