import { InvalidArgumentError, type Command } from 'commander';
import { isPeriodicity, PERIODICITIES, type Periodicity } from '../shared/core/mav';
import { parseMemberArg } from '../shared/core/members';
import type { MemberInput } from '../shared/core/pricing-types';
import { GrilleError } from '../shared/errors';

/** Repeatable option: every occurrence is kept. */
export const collect = (value: string, previous: string[]) => [...previous, value];
/** Comma-separated list option, repeatable. */
export const splitList = (value: string, previous: string[]) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

export interface HouseholdOptions {
  at?: string;
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
    .option('--at <date>', "date d'effet AAAA-MM-JJ (choisit la version du tarif ; défaut : la date d'adhésion)")
    .option('--formula <code>', 'formule (répétable ; défaut : toutes)', collect, [])
    .option('--member <role:naissance[:statut]>', 'membre du foyer, ex. principal:1980-05-10:actif (répétable)', collect, [])
    .option('--option <1|2>', 'option MAV (répétable ; défaut : toutes)', collect, [])
    .option('--sports <a,b>', 'sports à risque déclarés (MAV)', splitList, [])
    .option('--periodicity <p>', 'annuel, semestriel, trimestriel ou mensuel (MAV)', periodicityArg)
    .option('--adhesion <date>', "date d'adhésion AAAA-MM-JJ (MAV)")
    .option('--renounced <option>', 'option abandonnée auparavant (MAV, répétable)', collect, []);
}

/**
 * The tariff date: --at, else the adhesion date (a MAV is priced on the tariff in force the day it starts).
 * Neither is a usage error, as a missing required option is.
 */
export function tariffDate(cmd: Command, o: Pick<HouseholdOptions, 'at' | 'adhesion'>): string {
  const at = o.at ?? o.adhesion;
  if (at === undefined) cmd.error("erreur : option obligatoire manquante : --at <date> (ou --adhesion <date>, qui la donne par défaut)", { exitCode: 2, code: 'grille.missingAt' });
  return at;
}

/** The --member values, read here so that a wrong one is named by its flag. */
export function parseMembers(args: readonly string[]): MemberInput[] {
  if (args.length === 0) throw new GrilleError('INVALID_INPUT', 'aucun membre : indiquez au moins --member principal:AAAA-MM-JJ[:statut]');
  return args.map((m) => {
    const parsed = parseMemberArg(m);
    if (!parsed.ok) throw new GrilleError('INVALID_INPUT', `--member ${parsed.message}`);
    return parsed.member;
  });
}
