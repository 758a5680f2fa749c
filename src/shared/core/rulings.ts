/**
 * The reading rules Grille applies where the documents are silent or ambiguous (docs/RULINGS.md, with the same
 * numbers and the same French text), for the hypotheses a user reads. Pure.
 *
 * API: `rulingText(n)` → « règle n : <the rule's text> ». `RULE_NUMBERS` lists them (1 to 8); a hypothesis
 * names the rule it follows with its `ruling` (pricing-types.ts).
 */
import type { RulingNumber } from './pricing-types';

/** Every rule of docs/RULINGS.md; the engine's hypotheses cite 1 to 5 (`RulingNumber`). */
export type RuleNumber = RulingNumber | 6 | 7 | 8;

export const RULE_NUMBERS: readonly RuleNumber[] = [1, 2, 3, 4, 5, 6, 7, 8];

const RULES: Record<RuleNumber, string> = {
  1: 'montants en centimes entiers ; arrondi au centime le plus proche, demi vers le haut, cellule par cellule : une révision arrondit chaque cellule, un total de foyer est la somme de cellules arrondies (jamais un taux appliqué à un total)',
  2: 'une révision est une liste de composantes (ex. « PMSS +1,9 % », « technique +4 % ») ; combinaison additive par défaut (+5,9 %), composée en option ; les composantes sont conservées avec la nouvelle version',
  3: 'Intériale, « Gratuité pour le 3ème enfant » : les enfants à partir du 3e sont gratuits, rangés par date de naissance du plus âgé au plus jeune (les plus jeunes sont gratuits)',
  4: 'Intériale : âge par millésime (année du tarif − année de naissance) ; 35 ans ou moins « jeunes actifs », plus de 35 ans « actifs » ; retraités selon le statut ; enfants selon le rôle ; le conjoint est tarifé sur son propre segment ; la grille 2026 des retraités n’a pas de colonne enfants : l’enfant d’un retraité a un « tarif non précisé par la source » et le total est incomplet',
  5: 'MAV : surprime sports (+50 % pour 1 sport, +100 % de 2 à 5) sur toute la cotisation annuelle ; liste fermée, chaque sport compte une fois, « moto, auto, karting » est un seul sport ; 3 sports au plus en individuelle, 5 en familiale ; sport aérien non cité : à soumettre à l’assureur ; première cotisation = annuelle × mois restants (mois d’adhésion inclus) / 12 ; âge = année d’adhésion − année de naissance : assuré de 18 à 64 ans, conjoint de moins de 65 ans, enfants de moins de 26 ans ; échéances = annuelle / n, arrondi demi vers le haut, écart d’arrondi affiché ; renonciation à l’option 1 définitive',
  6: 'assistance, demande tardive : chaque produit a sa propre règle de prorata et son propre exemple chiffré ; la règle est appliquée produit par produit et vérifiée sur l’exemple de ce produit',
  7: 'provenance : chaque nombre du catalogue porte sa source (fichier, article ou section, lignes, citation exacte) ; un nombre sans source n’entre pas dans le catalogue, une valeur saisie sans document est marquée « sans source »',
  8: 'ce qu’un document ne donne pas reste « non précisé » (ex. les tarifs Assur-BP, l’indemnité maximale de la MAV) : Grille n’invente jamais une valeur',
};

export function rulingText(n: RuleNumber): string {
  return `règle ${n} : ${RULES[n]}`;
}
