/**
 * Tariff cells of a product already in the catalogue: every stored cell is in the file, unchanged; the
 * other cells belong to new versions or, for a CSV tariff table, are cells the catalogue does not
 * hold yet (an import never overwrites a stored amount).
 */
import { isDeepStrictEqual } from 'node:util';
import type { ProductFile, TariffCellEntry } from '../../../shared/core/catalogue-schema';
import { euros, firstDifference } from './message-values';
import { changed, type Verdict } from './refusal';

type CellKeyed = { version: string; formula: string; option: string; segment: string; zone: string };

/** A cell's identity: version, formula, option, segment and zone. */
export const cellKey = (t: CellKeyed): string => [t.version, t.formula, t.option, t.segment, t.zone].join('|');
export const cellLabel = (t: CellKeyed): string => [t.version, t.formula, t.option && `option ${t.option}`, t.segment, t.zone && `zone ${t.zone}`].filter(Boolean).join(' / ');

/** The stored tariff cells by key. */
export const cellsByKey = (p: ProductFile): Map<string, TariffCellEntry> => new Map(p.tariffs.map((t) => [cellKey(t), t]));

/** Whether the file holds exactly the stored cells. */
export function sameCells(stored: ProductFile, incoming: ProductFile): boolean {
  const storedCells = cellsByKey(stored);
  return stored.tariffs.length === incoming.tariffs.length && incoming.tariffs.every((t) => isDeepStrictEqual(storedCells.get(cellKey(t)), t));
}

const alreadyStored = (s: TariffCellEntry) =>
  `cette cellule de tarif est déjà au catalogue (${euros(s.amountCents)} par ${s.period === 'month' ? 'mois' : 'an'}) : un import n'écrase pas une valeur existante`;

/** The cells that are not stored yet; refuses a stored cell changed, or missing, and a new cell in a stored version. */
export function newTariffCells(stored: ProductFile, incoming: ProductFile, newCodes: Set<string>, verdict: Verdict, tariffsOnly: boolean): TariffCellEntry[] {
  const storedCells = cellsByKey(stored);
  const incomingKeys = new Set<string>();
  const newCells: TariffCellEntry[] = [];
  incoming.tariffs.forEach((t, i) => {
    const key = cellKey(t);
    incomingKeys.add(key);
    const s = storedCells.get(key);
    if (s) {
      if (!isDeepStrictEqual(s, t)) {
        if (tariffsOnly) verdict.refuse(firstDifference(s, t, ['tariffs', i])?.path ?? ['tariffs', i], alreadyStored(s));
        else changed(verdict, s, t, ['tariffs', i], () => `change la cellule de tarif ${cellLabel(t)}`);
      } else if (tariffsOnly && i >= stored.tariffs.length) verdict.refuse(['tariffs', i], alreadyStored(s));
      return;
    }
    if (!tariffsOnly && !newCodes.has(t.version)) verdict.no(['tariffs', i, 'version'], `ajoute une cellule de tarif à la version existante ${t.version}`);
    newCells.push(t);
  });
  const missing = stored.tariffs.find((t) => !incomingKeys.has(cellKey(t)));
  if (missing) verdict.no(['tariffs'], `ne contient pas la cellule de tarif ${cellLabel(missing)} du catalogue (un import ne supprime rien)`);
  return newCells;
}
