/**
 * The sports of a MAV adhesion (docs/RULINGS.md, règle 5), read against the product's closed list (`sports-list`):
 * codes or labels, accents and case ignored ("Plongée sous-marine" → plongee); moto, auto, karting are the one
 * sport "sports-mecaniques"; each sport counts once. An unlisted sport is refused, unless it is aerial (declared
 * `{ code, aerial: true }` or "aerien:<nom>", or one of `KNOWN_AERIAL_SPORTS`): then it is referred to the insurer,
 * not priced (`otherAerial: "refuse"` in the rule refuses it instead). At most `sports-max` sports per formula.
 * Pure.
 */
import type { ReadRule } from './pricing-rules';
import { addHypothesis, ruleRef, type RuleRef } from './pricing-types';
import type { MavQuote, SportInput, SportLine } from './mav-types';

/** Aerial sports the engine recognises although the document does not list them (→ referred to the insurer). */
export const KNOWN_AERIAL_SPORTS = [
  'ulm', 'planeur', 'vol-a-voile', 'paramoteur', 'wingsuit', 'base-jump', 'montgolfiere', 'parachute-ascensionnel',
  'parachutisme-ascensionnel', 'speed-riding', 'speed-flying', 'aile-volante', 'vol-libre', 'voltige-aerienne',
  'aviation', 'pilotage-avion', 'autogire', 'helicoptere', 'aeromodelisme-habite', 'saut-en-parachute', 'chute-libre',
] as const;

const ALIASES: Record<string, string> = {
  moto: 'sports-mecaniques',
  auto: 'sports-mecaniques',
  karting: 'sports-mecaniques',
  'moto-auto-karting': 'sports-mecaniques',
  'sport-mecanique': 'sports-mecaniques',
  'sports-de-vitesse': 'sports-mecaniques',
  'luge-de-competition': 'luge',
  'plongee-sous-marine': 'plongee',
};

export function normaliseSport(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/^(le|la|l|les)[\s'’]+/, '')
    .replace(/[\s'’_/]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

type Refuse = (code: string, message: string, rule?: RuleRef | null) => void;

/** The sports read so far: the listed ones by code, the referred aerial ones by name. */
interface SportsSeen {
  listed: Map<string, { code: string; label: string }>;
  referred: Set<string>;
}

const AERIAL_PREFIX = /^a[eé]rien\s*:/i;

/** A sport of the closed list: counted once, the hypotheses of a repeat or of an alias. */
function listedSport(q: MavQuote, list: ReadRule<'sports-list'>, entry: { code: string; label: string }, line: SportLine, alias: boolean, name: string, seen: SportsSeen): void {
  line.code = entry.code;
  line.label = entry.label;
  if (seen.listed.has(entry.code)) {
    line.outcome = 'duplicate';
    line.why = `déjà déclaré: « ${entry.label} » compte une seule fois`;
    addHypothesis(q.hypotheses, {
      code: 'sport-compte-une-fois',
      ruling: 5,
      text: `Chaque sport nommé compte une fois par adhésion; « moto, auto, karting » est un seul sport (sports de vitesse avec engin terrestre à moteur).`,
      source: list.rule.source,
    });
    return;
  }
  seen.listed.set(entry.code, entry);
  line.outcome = 'listed';
  line.why = `sport de la liste: « ${entry.label} »`;
  if (alias) {
    addHypothesis(q.hypotheses, {
      code: 'sports-mecaniques',
      ruling: 5,
      text: `« ${name.trim()} » est compté comme « ${entry.label} »: « moto, auto, karting » forment un seul sport.`,
      source: list.rule.source,
    });
  }
}

/** A sport not in the list: referred to the insurer when aerial (and the rule says so), refused otherwise. */
function unlistedSport(q: MavQuote, list: ReadRule<'sports-list'>, raw: string, name: string, aerial: boolean, line: SportLine, seen: SportsSeen, refuse: Refuse): void {
  const n = normaliseSport(name);
  if (aerial && list.params.otherAerial === 'refer') {
    line.outcome = 'refer';
    line.why = "sport aérien non cité: à soumettre à l'assureur";
    if (!seen.referred.has(n)) {
      seen.referred.add(n);
      q.referrals.push({
        code: 'sport-aerien-a-soumettre',
        member: null,
        message: `sport aérien « ${name.trim()} » non cité dans la liste: à soumettre à l'assureur (pas de tarif automatique) — ${list.rule.text}`,
        rule: ruleRef(list.rule),
      });
    }
    return;
  }
  line.why = aerial ? 'sport aérien non cité: refusé par la règle du produit' : 'pas dans la liste fermée des sports à risque';
  refuse('sport-hors-liste', `sport « ${raw} » hors de la liste des sports à risque (${list.params.sports.map((s) => s.code).join(', ')}) — ${list.rule.text}`, ruleRef(list.rule));
}

function readSport(q: MavQuote, list: ReadRule<'sports-list'> | null, input: SportInput, seen: SportsSeen, refuse: Refuse): void {
  const raw = typeof input === 'string' ? input : input.code;
  const prefixed = AERIAL_PREFIX.test(raw);
  const name = prefixed ? raw.replace(AERIAL_PREFIX, '') : raw;
  const n = normaliseSport(name);
  const line: SportLine = { input: raw, code: null, label: null, outcome: 'refused', why: '' };
  q.sports.lines.push(line);
  if (!list) {
    line.why = 'liste des sports à risque non précisée par la source';
    refuse('sport-hors-liste', `sport « ${raw} »: la source ne donne pas de liste de sports à risque`);
    return;
  }
  const target = ALIASES[n] ?? n;
  const entry = list.params.sports.find((s) => s.code === target || normaliseSport(s.label) === target);
  if (entry) return listedSport(q, list, entry, line, ALIASES[n] !== undefined, name, seen);
  const aerial = (typeof input !== 'string' && input.aerial === true) || prefixed || (KNOWN_AERIAL_SPORTS as readonly string[]).includes(n);
  unlistedSport(q, list, raw, name, aerial, line, seen, refuse);
}

/** The sports pass: each sport read, the count (listed and referred), the formula's maximum. Gives the listed count. */
export function readSports(q: MavQuote, formula: string, sports: readonly SportInput[], list: ReadRule<'sports-list'> | null, max: ReadRule<'sports-max'> | null, refuse: Refuse): number {
  const seen: SportsSeen = { listed: new Map(), referred: new Set() };
  for (const input of sports) readSport(q, list, input, seen, refuse);
  q.sports.counted = seen.listed.size + seen.referred.size;
  const limit = max?.params.perFormula[formula];
  q.sports.max = limit ?? null;
  if (max && limit !== undefined && q.sports.counted > limit) {
    refuse('sports-max', `${q.sports.counted} sports déclarés: au plus ${limit} en formule « ${q.formula.label} » — ${max.rule.text}`, ruleRef(max.rule));
  }
  return seen.listed.size;
}
