/**
 * What every IPC handler is made of: the services the shell provides, a payload schema, and the
 * handler over parsed arguments. Shared by the handler modules (ipc-handlers.ts, ipc-handlers-edit.ts).
 */
import { z } from 'zod';
import type { GrilleApi, Result } from '../shared/api';
import type { Jobs } from './jobs/runner';
import type { Catalogue } from './services/catalogue';

export interface Services {
  catalogue: () => Promise<Catalogue>;
  /**
   * asks the user where to save (the shell shows a dialog whose filter is the file type: `xlsx` by
   * default, `json` for a catalogue package); null when cancelled
   */
  saveAs: (defaultName: string, type?: SaveType) => Promise<string | null>;
  /**
   * asks the user for a file to open (the shell shows an open dialog with these filters); null when
   * cancelled. The path stays in the main process: the page only ever gets a token (ipc-handlers-edit.ts).
   * Optional: without it, picking a file answers NOT_AVAILABLE.
   */
  openFile?: (filters: FileFilter[]) => Promise<string | null>;
  /** the document date of exports, AAAA-MM-JJ */
  today: () => string;
  /**
   * Long work off the UI path (src/main/jobs): the shell builds a JobRunner with its progress sink (the
   * main window only), the built worker script and the Electron build of SQLite; tests and the e2e harness
   * build one over their own catalogue.
   */
  jobs: Jobs;
}

/** The file types a save dialog offers. */
export type SaveType = 'xlsx' | 'json';

/** One filter of an open dialog, as Electron's dialog takes it: extensions without the dot. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** What a dispatch error says in French: zod's issues in the French locale, each with its path. */
export const frenchIssues = z.locales.fr().localeError;

/**
 * A payload schema whose issues read in French (zod's French locale, or the schema's own messages),
 * whoever parses it: `dispatch` parses without options.
 */
export function inFrench<T>(schema: z.ZodType<T>): z.ZodType<T> {
  return z.unknown().transform((value, ctx) => {
    const r = schema.safeParse(value, { error: frenchIssues });
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path as (string | number)[] });
    return z.NEVER;
  });
}

type Method = keyof GrilleApi;
/** The arguments of one method of the contract. */
export type ArgsOf<K extends Method> = Parameters<GrilleApi[K]>;
/** What one method answers when it succeeds (the `value` of its Result). */
export type AnswerOf<K extends Method> = Awaited<ReturnType<GrilleApi[K]>> extends Result<infer T> ? T : never;

/**
 * One channel's handler: its payload schema, whose output is the method's arguments, and the work over
 * parsed arguments, whose answer is the method's. A schema or a handler that drifts from api.ts does not
 * compile; an optional field on one side only would still fit both ways, which the contract's type-level
 * test (test/unit/contract-types.test.ts) refuses.
 */
export interface Handler<K extends Method> {
  args: z.ZodType<ArgsOf<K>>;
  handle: (services: Services, args: ArgsOf<K>) => Promise<AnswerOf<K>>;
}

/** Every method of the contract has exactly one handler. */
export type HandlerMap = { [K in Method]: Handler<K> };

/**
 * Ties a handler's argument type to its schema: the handler only ever sees parsed arguments. The map of
 * handlers `satisfies HandlerMap`, which checks each entry's schema and answer against its method.
 */
export function handler<A extends unknown[], R>(args: z.ZodType<A>, handle: (services: Services, args: A) => Promise<R>): { args: z.ZodType<A>; handle: (services: Services, args: A) => Promise<R> } {
  return { args, handle };
}
