/**
 * The wording of the DOMAIN.md rulings the engine applies, for the hypotheses it shows when the product's own
 * source is silent (the hypothesis then has `source: null` and says which ruling it follows). Pure.
 *
 * API: `rulingText(n)` → French summary of ruling n, quoted in hypotheses as « décision n (DOMAIN.md) ».
 */
import type { RulingNumber } from './pricing-types';

const RULINGS: Record<RulingNumber, string> = {
  1: 'montants en centimes entiers; arrondi au centime le plus proche, demi vers le haut; une révision arrondit chaque cellule; un total de foyer est la somme de cellules arrondies (jamais un taux appliqué à un total)',
  2: 'une révision est une liste de composantes (ex. « PMSS +1,9 % », « technique +4 % »); combinaison additive par défaut (+5,9 %), composée en option; les composantes sont conservées avec la nouvelle version',
  3: 'Intériale, « Gratuité pour le 3ème enfant »: les enfants à partir du 3e sont gratuits (rang par date de naissance, du plus âgé au plus jeune: les plus jeunes sont gratuits)',
  4: 'Intériale: âge par millésime (année du tarif − année de naissance); ≤ 35 ans « jeunes actifs », > 35 ans « actifs »; retraités selon le statut; enfants selon le rôle; le conjoint est tarifé sur son propre segment; la grille 2026 des retraités n’a pas de colonne enfants: l’enfant d’un retraité n’a pas de tarif donné par la source',
  5: 'MAV: surprime sports (+50 % pour 1 sport, +100 % de 2 à 5) sur toute la cotisation annuelle; liste fermée, chaque sport compte une fois, « moto, auto, karting » est un seul sport; 3 sports au plus en individuelle, 5 en familiale; sport aérien non cité: à soumettre à l’assureur; première cotisation = annuelle × mois restants (mois d’adhésion inclus) / 12; âge = année d’adhésion − année de naissance; échéances = annuelle / n, arrondi demi vers le haut; renonciation à l’option 1 définitive',
};

export function rulingText(n: RulingNumber): string {
  return `décision ${n} (DOMAIN.md): ${RULINGS[n]}`;
}
