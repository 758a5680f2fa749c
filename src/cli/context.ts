import { resolveDbPath } from '../main/services/paths';

export interface GlobalOptions {
  db?: string;
}

export function dbPathOf(g: GlobalOptions): string {
  return resolveDbPath(g.db);
}
