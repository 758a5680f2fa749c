import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Grille';
export const DB_FILE_NAME = 'grille.sqlite';

/**
 * The folder Electron calls userData for this app (app.getPath('userData')), computed without
 * Electron so the CLI and the desktop app share one database by default.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** --db wins, then GRILLE_DB, then the user-data folder. */
export function resolveDbPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.GRILLE_DB ?? join(userDataDir(env), DB_FILE_NAME);
}
