/**
 * The zod fields the payload schemas of the renderer ↔ main contract share: the IPC handlers' requests
 * and the desktop edits' requests are built from them. Here rather than beside the handlers so that the
 * edit services do not depend on the IPC layer; zod only, like the rest of src/shared.
 */
import { z } from 'zod';

/** A product, formula, option, segment or version code as a request names it. */
export const code = z.string().min(1).max(200).regex(/^[a-zA-Z0-9_-]+$/, 'code attendu : lettres, chiffres, - ou _');
/** A date AAAA-MM-JJ. */
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue');
/** A free text of a request (a search, a reference), bounded. */
export const shortText = z.string().max(500);
