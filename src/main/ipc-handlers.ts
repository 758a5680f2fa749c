/**
 * The IPC handlers, without Electron: each channel has a payload schema and a handler over the
 * services. `ipc.ts` registers them and checks the sender; tests call them directly.
 */
import { z } from 'zod';
import { channels, type GrilleApi, type Result } from '../shared/api';
import { isAppUrl } from './security/policy';
import type { Catalogue } from './services/catalogue';
import { catalogueList, catalogueShow } from './services/catalogue';
import { GrilleError } from './store/errors';

export interface Services {
  catalogue: () => Promise<Catalogue>;
}

interface Handler {
  args: z.ZodType<unknown[]>;
  handle: (services: Services, args: unknown[]) => Promise<unknown>;
}

/** Ties a handler's argument type to its schema: the handler only ever sees parsed arguments. */
function handler<A extends unknown[]>(args: z.ZodType<A>, handle: (services: Services, args: A) => Promise<unknown>): Handler {
  return { args, handle: (services, raw) => handle(services, raw as A) };
}

const productId = z.string().min(1).max(200).regex(/^[a-zA-Z0-9_-]+$/);

export const handlers: Record<keyof GrilleApi, Handler> = {
  catalogueList: handler(z.tuple([]), async (s) => catalogueList(await s.catalogue())),
  catalogueShow: handler(z.tuple([productId]), async (s, [id]) => catalogueShow(await s.catalogue(), id)),
};

/** Only the main frame of our own content may call the API. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

export async function dispatch(services: Services, method: keyof GrilleApi, rawArgs: unknown[]): Promise<Result<unknown>> {
  const entry = handlers[method];
  const parsed = entry.args.safeParse(rawArgs);
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: `Requête ${channels[method]} refusée : ${parsed.error.issues.map((i) => i.message).join('; ')}` } };
  }
  try {
    return { ok: true, value: await entry.handle(services, parsed.data) };
  } catch (e) {
    if (e instanceof GrilleError) return { ok: false, error: { code: e.code, message: e.message } };
    return { ok: false, error: { code: 'INTERNAL', message: `Erreur inattendue : ${(e as Error).message}` } };
  }
}
