/** The checks every kind of edit shares: texts, codes, dates, the comment, the product named. */
import { EDIT_LIMITS } from '../../../shared/core/limits';
import { isIsoDate } from '../../../shared/core/dates';
import type { ProductFile } from '../../../shared/core/catalogue-schema';
import { GrilleError } from '../../../shared/errors';
import type { EditView } from './kind';

const CODE_RE = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

export const invalid = (message: string) => new GrilleError('INVALID_INPUT', message);

/** The value the user saw is no longer the one stored: refused rather than overwritten. */
export const stale = (where: string, detail: string) => new GrilleError('CONFLICT', `${where} : la valeur a changé depuis l’affichage : ${detail} ; rechargez, rien n’a été modifié.`);

export function unknownProduct(id: string, ids: string[]): GrilleError {
  return new GrilleError('NOT_FOUND', `Produit inconnu : « ${id} ». Produits du catalogue : ${ids.join(', ')}.`);
}

export function requireProduct(view: EditView, id: string): ProductFile {
  const p = view.product(id);
  if (!p) throw unknownProduct(id, view.productIds());
  return p;
}

export function checkText(value: string, what: string, max: number): string {
  const t = value.trim();
  if (!t) throw invalid(`${what} : texte vide ; ce champ est obligatoire.`);
  if (t.length > max) throw invalid(`${what} : ${max} caractères au plus (${t.length} saisis).`);
  return t;
}

export function checkCode(value: string, what: string, taken: string[]): string {
  const t = value.trim();
  if (!t) throw invalid(`${what} : code vide.`);
  if (t.length > EDIT_LIMITS.code) throw invalid(`${what} : ${EDIT_LIMITS.code} caractères au plus.`);
  if (!CODE_RE.test(t)) throw invalid(`${what} « ${t} » : lettres sans accent, chiffres, - ou _ seulement (commençant par une lettre ou un chiffre), sans espace.`);
  if (taken.includes(t)) throw invalid(`${what} « ${t} » existe déjà : choisissez un autre code.`);
  return t;
}

export function checkDate(value: string, what: string): string {
  if (!isIsoDate(value)) throw invalid(`${what} « ${value} » : date impossible ou mal écrite (AAAA-MM-JJ attendu).`);
  return value;
}

export function comment(value: string): string | null {
  const t = value.trim();
  if (t.length > EDIT_LIMITS.comment) throw invalid(`Commentaire : ${EDIT_LIMITS.comment} caractères au plus (${t.length} saisis).`);
  return t || null;
}
