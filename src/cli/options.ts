import { InvalidArgumentError, type Command } from 'commander';
import { isPeriodicity, PERIODICITIES, type Periodicity } from '../shared/core/mav';

/** Repeatable option: every occurrence is kept. */
export const collect = (value: string, previous: string[]) => [...previous, value];
/** Comma-separated list option, repeatable. */
export const splitList = (value: string, previous: string[]) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

export interface HouseholdOptions {
  at: string;
  formula: string[];
  member: string[];
  option: string[];
  sports: string[];
  periodicity?: Periodicity;
  adhesion?: string;
  renounced: string[];
}

/** --periodicity: one of the MAV's installment periods, else a usage error. */
export function periodicityArg(value: string): Periodicity {
  if (!isPeriodicity(value)) throw new InvalidArgumentError(`« ${value} » : ${Object.keys(PERIODICITIES).join(', ')} attendu.`);
  return value;
}

/** The household and MAV options shared by `grille quote` and `grille export quote`. */
export function addHouseholdOptions(cmd: Command): Command {
  return cmd
    .argument('[product-id...]', 'produits (défaut : tous)')
    .requiredOption('--at <date>', "date d'effet AAAA-MM-JJ (choisit la version du tarif)")
    .option('--formula <code>', 'formule (répétable ; défaut : toutes)', collect, [])
    .option('--member <role:naissance[:statut]>', 'membre du foyer, ex. principal:1980-05-10:actif (répétable)', collect, [])
    .option('--option <1|2>', 'option MAV (répétable ; défaut : toutes)', collect, [])
    .option('--sports <a,b>', 'sports à risque déclarés (MAV)', splitList, [])
    .option('--periodicity <p>', 'annuel, semestriel, trimestriel ou mensuel (MAV)', periodicityArg)
    .option('--adhesion <date>', "date d'adhésion AAAA-MM-JJ (MAV)")
    .option('--renounced <option>', 'option abandonnée auparavant (MAV, répétable)', collect, []);
}
