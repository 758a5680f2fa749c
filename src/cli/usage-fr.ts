/**
 * commander writes its usage errors in English; Grille's users read French. The known messages are
 * translated, anything else passes through unchanged.
 */
const translations: [RegExp, (...groups: string[]) => string][] = [
  [/^error: unknown command '(.+)'/, (c) => `erreur : commande inconnue « ${c} »`],
  [/^error: unknown option '(.+)'/, (o) => `erreur : option inconnue « ${o} »`],
  [/^error: required option '(.+)' not specified/, (o) => `erreur : option obligatoire manquante : ${o}`],
  [/^error: option '(.+)' argument missing/, (o) => `erreur : valeur manquante pour l'option ${o}`],
  [/^error: missing required argument '(.+)'/, (a) => `erreur : argument obligatoire manquant : ${a}`],
  [/^error: too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\./, (c, n, m) => `erreur : trop d'arguments pour « ${c} » (${n} attendu(s), ${m} reçu(s))`],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./, (n, m) => `erreur : trop d'arguments (${n} attendu(s), ${m} reçu(s))`],
];

export function frenchUsageError(message: string): string {
  for (const [pattern, render] of translations) {
    const m = pattern.exec(message);
    if (m) return message.replace(pattern, render(...m.slice(1)));
  }
  return message;
}
