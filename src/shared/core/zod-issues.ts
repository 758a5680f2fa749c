import type { z } from 'zod';

/** One French line per issue, with the path of the offending field (e.g. `guarantees[3].source.lines`). */
export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
      .join('');
    return `${path || '(racine)'}: ${issue.message}`;
  });
}
