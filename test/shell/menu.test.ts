import { beforeEach, describe, expect, it, vi } from 'vitest';
import { menuCommands, type MenuCommand } from '../../src/shared/api';
import { electron, resetElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { buildMenu, menuTemplate } = await import('../../src/main/menu');

interface Item {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  submenu?: Item[];
  click?: () => void;
}

function items(template: Item[]): Item[] {
  return template.flatMap((i) => [i, ...items(i.submenu ?? [])]);
}

function template(platform: NodeJS.Platform, developer = false) {
  const sent: MenuCommand[] = [];
  const t = menuTemplate({ platform, developer, send: (c) => sent.push(c) }) as Item[];
  return { t, all: items(t), sent };
}

beforeEach(() => resetElectron());

describe('menus', () => {
  it.each([
    ['linux', ['Fichier', 'Édition', 'Affichage', 'Aide']],
    ['win32', ['Fichier', 'Édition', 'Affichage', 'Aide']],
    ['darwin', ['Grille', 'Fichier', 'Édition', 'Affichage', 'Aide']],
  ] as [NodeJS.Platform, string[]][])('on %s: %j', (platform, labels) => {
    expect(template(platform).t.map((i) => i.label)).toEqual(labels);
  });

  it('Fichier › Exporter… (Ctrl+E) sends the export command to the renderer', () => {
    const { t, sent } = template('linux');
    const exporter = t[0]!.submenu!.find((i) => i.label === 'Exporter…')!;
    expect(exporter.accelerator).toBe('CmdOrCtrl+E');
    exporter.click!();
    expect(sent).toEqual(['export']);
  });

  it.each([
    ['Rechercher…', 'CmdOrCtrl+F', 'find'],
    ['Copier la grille', 'CmdOrCtrl+Shift+C', 'copyGrid'],
    ['Catalogue', 'CmdOrCtrl+1', 'view:catalogue'],
    ['Comparaison', 'CmdOrCtrl+2', 'view:comparaison'],
    ['Tarifs', 'CmdOrCtrl+3', 'view:tarifs'],
    ['Devis', 'CmdOrCtrl+4', 'view:devis'],
    ['Révision', 'CmdOrCtrl+5', 'view:revision'],
    ['Délibération', 'CmdOrCtrl+6', 'view:deliberation'],
    ['Remboursements', 'CmdOrCtrl+7', 'view:remboursements'],
    ['Importer des données de catalogue…', 'CmdOrCtrl+O', 'import'],
    ['Exporter le catalogue…', 'CmdOrCtrl+Shift+E', 'exportCatalogue'],
    ['Annuler la dernière modification du catalogue', 'CmdOrCtrl+Alt+Z', 'undoEdit'],
  ])('%s (%s) sends %s', (label, accelerator, command) => {
    const { all, sent } = template('win32');
    const item = all.find((i) => i.label === label)!;
    expect(item.accelerator).toBe(accelerator);
    item.click!();
    expect(sent).toEqual([command]);
  });

  it('reaches every menu command, and sends nothing else', () => {
    const { all, sent } = template('linux');
    for (const item of all) item.click?.();
    expect(new Set(sent)).toEqual(new Set(menuCommands));
  });

  it.each(['linux', 'darwin'] as NodeJS.Platform[])('on %s: no shortcut twice, every item labelled in French', (platform) => {
    const { all } = template(platform, true);
    const accelerators = all.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    for (const item of all.filter((i) => i.type !== 'separator')) expect(item.label, JSON.stringify(item)).toBeTruthy();
    const english = /^(File|Edit|View|Help|Undo|Redo|Cut|Copy|Paste|Select All|Quit|Close|About|Zoom In|Zoom Out|Actual Size|Reload|Toggle)\b/;
    expect(all.map((i) => i.label ?? '').filter((l) => english.test(l))).toEqual([]);
  });

  it('quits with Ctrl+Q on Windows and Linux, closes the window with Cmd+W on macOS', () => {
    expect(template('linux').all.find((i) => i.role === 'quit')).toMatchObject({ label: 'Quitter', accelerator: 'Ctrl+Q' });
    expect(template('darwin').all.find((i) => i.role === 'close')).toMatchObject({ label: 'Fermer la fenêtre', accelerator: 'Cmd+W' });
  });

  it('has the developer items only outside the packaged app', () => {
    const roles = (developer: boolean) => template('linux', developer).all.map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('builds the native menu from the template', () => {
    buildMenu({ platform: 'linux', developer: false, send: () => undefined });
    expect(electron.Menu.buildFromTemplate).toHaveBeenCalledOnce();
    expect((electron.Menu.buildFromTemplate.mock.calls[0]![0] as Item[]).map((i) => i.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
  });
});
