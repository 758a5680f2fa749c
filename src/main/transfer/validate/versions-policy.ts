/**
 * New versions of a product already in the catalogue: after the stored ones, each dated later than
 * every stored version and after the end of each; the one open-ended stored version may be closed the
 * day before the first new version, nothing else of a stored version changes. New guarantees and
 * rules apply to new versions only.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ProductFile } from '../../../shared/core/catalogue-schema';
import type { ProductAddition } from '../../store/writer-import';
import { storedFirst, type Verdict } from './refusal';

type Version = ProductFile['versions'][number];
export type Closing = ProductAddition['close'];

const dayBefore = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The new versions, and the stored open version they close (if any). */
export function newVersionsOf(stored: ProductFile, incoming: ProductFile, verdict: Verdict): { versions: Version[]; close: Closing } {
  // the first new version's date, to recognise the closing of an open version
  const firstNewFrom = incoming.versions
    .slice(stored.versions.length)
    .map((v) => v.effectiveFrom)
    .filter((f): f is string => f !== null)
    .sort()[0];
  let close: Closing = null;
  const versions = storedFirst(verdict, 'versions', stored.versions, incoming.versions, (x, y, i) => {
    if (isDeepStrictEqual(x, y)) return true;
    if (x.effectiveTo === null && y.effectiveTo !== null && firstNewFrom !== undefined && isDeepStrictEqual({ ...x, effectiveTo: y.effectiveTo }, y)) {
      if (y.effectiveTo !== dayBefore(firstNewFrom)) {
        verdict.no(['versions', i, 'effectiveTo'], `ferme la version ${x.code} au ${y.effectiveTo} : seule la fermeture la veille de la nouvelle version (${dayBefore(firstNewFrom)}) est acceptée`);
        return true;
      }
      close = { version: x.code, effectiveTo: y.effectiveTo };
      return true;
    }
    return false;
  });
  checkNewDates(stored.versions, versions, close, verdict);
  return { versions, close };
}

/** Each new version is dated, later than every stored one, and starts after each stored one ends. */
function checkNewDates(storedVersions: Version[], newVersions: Version[], close: Closing, verdict: Verdict): void {
  const latest = storedVersions
    .map((v) => v.effectiveFrom)
    .filter((f): f is string => f !== null)
    .sort()
    .at(-1);
  newVersions.forEach((v, j) => {
    const path = ['versions', storedVersions.length + j, 'effectiveFrom'];
    if (v.effectiveFrom === null) verdict.no(path, `ajoute la version ${v.code} sans date d'effet : une nouvelle version est datée`);
    else if (latest !== undefined && v.effectiveFrom <= latest) {
      verdict.no(path, `ajoute la version ${v.code} à compter du ${v.effectiveFrom}, pas après les versions existantes (la dernière commence le ${latest})`);
    }
    for (const s of storedVersions) {
      const to = s.code === close?.version ? close.effectiveTo : s.effectiveTo;
      if (v.effectiveFrom !== null && to !== null && to >= v.effectiveFrom) {
        verdict.no(path, `ajoute la version ${v.code} à compter du ${v.effectiveFrom} alors que la version ${s.code} court jusqu'au ${to}`);
      }
    }
  });
}

/** New guarantees (after the stored ones), each on new versions only. */
export function newGuaranteesOf(stored: ProductFile, incoming: ProductFile, newCodes: Set<string>, verdict: Verdict): ProductFile['guarantees'] {
  const added = storedFirst(verdict, 'guarantees', stored.guarantees, incoming.guarantees, (x, y) => isDeepStrictEqual(x, y));
  added.forEach((g, j) => {
    if (!g.versions.every((v) => newCodes.has(v))) {
      verdict.no(['guarantees', stored.guarantees.length + j, 'versions'], 'ajoute une garantie qui ne porte pas sur les seules nouvelles versions');
    }
  });
  return added;
}

/** New rules (after the stored ones), each naming new versions only. */
export function newRulesOf(stored: ProductFile, incoming: ProductFile, newCodes: Set<string>, verdict: Verdict): ProductFile['rules'] {
  const added = storedFirst(verdict, 'rules', stored.rules, incoming.rules, (x, y) => isDeepStrictEqual(x, y));
  added.forEach((r, j) => {
    if (r.versions.length === 0 || !r.versions.every((v) => newCodes.has(v))) verdict.no(['rules', stored.rules.length + j, 'versions'], 'ajoute une règle qui ne porte pas sur les seules nouvelles versions');
  });
  return added;
}
