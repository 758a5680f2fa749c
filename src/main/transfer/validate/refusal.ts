/**
 * The verdict on a product already in the catalogue: each difference from the stored product is said
 * where it is and refuses the product (docs/DATA-FORMAT.md, "Importing a product that already exists").
 */
import { describe, firstDifference } from './message-values';
import { formatPath, type Path, type ReportAt } from './parsed-input';

export class Verdict {
  refused = false;

  constructor(
    private readonly id: string,
    private readonly add: ReportAt,
  ) {}

  /** what this file does to the stored product that an import may not do */
  no(path: Path, what: string): void {
    this.refuse(
      path,
      `le produit ${this.id} existe déjà au catalogue et ce fichier ${what} : un import ajoute de nouvelles versions datées mais ne modifie ni ne fusionne un produit existant`,
    );
  }

  /** a refusal in its own words */
  refuse(path: Path, message: string): void {
    this.refused = true;
    this.add(path, message);
  }
}

/** "change products[0].x (catalogue : … ; fichier : …)", at the first field that differs (or the entry). */
export function changed(verdict: Verdict, a: unknown, b: unknown, at: Path, what: (path: Path) => string = (path) => `change ${formatPath(path)}`): void {
  const diff = firstDifference(a, b, at);
  verdict.no(diff?.path ?? at, `${what(diff?.path ?? at)} (catalogue : ${describe(diff?.stored)} ; fichier : ${describe(diff?.incoming)})`);
}

export type ListPart = 'documents' | 'versions' | 'guarantees' | 'rules';

/**
 * The stored entries come first, unchanged and in the same order; what follows them is new. Refuses
 * at the first stored entry removed or changed (then nothing is new).
 */
export function storedFirst<T>(verdict: Verdict, part: ListPart, a: T[], b: T[], same: (x: T, y: T, i: number) => boolean): T[] {
  for (let i = 0; i < a.length; i++) {
    if (i >= b.length) {
      verdict.no([part], `retire ${part === 'versions' ? 'la version' : "l'élément"} ${describe(part === 'versions' ? (a[i] as { code: string }).code : a[i])} de « ${part} » (un import ne supprime rien)`);
      return [];
    }
    if (!same(a[i]!, b[i]!, i)) {
      changed(verdict, a[i], b[i], [part, i]);
      return [];
    }
  }
  return b.slice(a.length);
}
