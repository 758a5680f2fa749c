/**
 * What every IPC handler is made of: the services the shell provides, a payload schema, and the
 * handler over parsed arguments. Shared by the handler modules (ipc-handlers.ts, ipc-handlers-edit.ts).
 */
import { z } from 'zod';
import type { Catalogue } from './services/catalogue';

export interface Services {
  catalogue: () => Promise<Catalogue>;
  /** asks the user where to save (the shell shows a dialog); null when cancelled */
  saveAs: (defaultName: string) => Promise<string | null>;
  /** the document date of exports, AAAA-MM-JJ */
  today: () => string;
}

export interface Handler {
  args: z.ZodType<unknown[]>;
  handle: (services: Services, args: unknown[]) => Promise<unknown>;
}

/** Ties a handler's argument type to its schema: the handler only ever sees parsed arguments. */
export function handler<A extends unknown[]>(args: z.ZodType<A>, handle: (services: Services, args: A) => Promise<unknown>): Handler {
  return { args, handle: (services, raw) => handle(services, raw as A) };
}

export const code = z.string().min(1).max(200).regex(/^[a-zA-Z0-9_-]+$/, 'code attendu : lettres, chiffres, - ou _');
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue');
export const shortText = z.string().max(500);
