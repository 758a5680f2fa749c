/**
 * Household members: validation, age by millésime, children's ranks. Pure.
 *
 * API
 * - `readMembers(members, at)` → `{ members: ResolvedMember[], refusals: Refusal[] }`: every member with a valid
 *   birth ("AAAA-MM-JJ" or "AAAA", not after the date `at`) is resolved with its age by millésime
 *   (year of `at` − birth year, docs/RULINGS.md, règles 4 and 5); the others are refused (code "naissance-invalide").
 * - `parseMemberArg("principal:1980-05-10:actif")` → `{ ok, member }` | French error (CLI form role:birth[:status]).
 * - Unknown roles or statuses (from untyped input) are refused ("role-invalide", "statut-invalide").
 * - `rankChildren(members)` → `{ ranks: Map<member index, rank 1..n>, tie: boolean }`: children (role enfant) ranked
 *   by birth, oldest first (règle 3). Children whose order the input cannot tell (same year given without the full
 *   date, or the same date) keep the input order, and `tie` says so.
 */
import { roles, statuses, type Role, type Status } from './catalogue-schema';
import { parseBirth, yearOf, type Birth } from './dates';
import type { MemberInput, Refusal } from './pricing-types';

export interface ResolvedMember {
  /** index in the request's members */
  index: number;
  role: Role;
  birth: Birth;
  status: Status | null;
  /** age by millésime: year of the reference date − birth year */
  age: number;
  label: string | null;
}

export const roleLabels: Record<Role, string> = { principal: 'assuré principal', conjoint: 'conjoint', enfant: 'enfant' };

export function memberName(m: { index: number; role: Role; label?: string | null }): string {
  return m.label ? `${m.label} (${roleLabels[m.role]})` : `membre ${m.index + 1} (${roleLabels[m.role]})`;
}

export function readMembers(
  members: readonly MemberInput[],
  at: string,
): { members: ResolvedMember[]; refusals: Refusal[] } {
  const year = yearOf(at);
  const out: ResolvedMember[] = [];
  const refusals: Refusal[] = [];
  members.forEach((m, index) => {
    if (!(roles as readonly string[]).includes(m.role)) {
      refusals.push({ code: 'role-invalide', member: index, message: `membre ${index + 1}: rôle « ${String(m.role)} » inconnu (principal, conjoint, enfant)`, rule: null });
      return;
    }
    const name = memberName({ index, role: m.role, label: m.label ?? null });
    if (m.status !== undefined && m.status !== null && !(statuses as readonly string[]).includes(m.status)) {
      refusals.push({ code: 'statut-invalide', member: index, message: `${name}: statut « ${String(m.status)} » inconnu (actif, retraite)`, rule: null });
      return;
    }
    const birth = typeof m.birth === 'string' ? parseBirth(m.birth) : null;
    if (!birth) {
      refusals.push({
        code: 'naissance-invalide',
        member: index,
        message: `${name}: date de naissance « ${m.birth} » invalide (AAAA-MM-JJ ou année AAAA attendue)`,
        rule: null,
      });
      return;
    }
    if (birth.year > year || (birth.iso !== null && birth.iso > at)) {
      refusals.push({
        code: 'naissance-invalide',
        member: index,
        message: `${name}: né(e) après la date d'effet (${m.birth})`,
        rule: null,
      });
      return;
    }
    out.push({ index, role: m.role, birth, status: m.status ?? null, age: year - birth.year, label: m.label ?? null });
  });
  return { members: out, refusals };
}

/** -1 if a is older than b, 1 if younger, 0 if the input cannot tell. */
function compareBirth(a: Birth, b: Birth): number {
  if (a.year !== b.year) return a.year < b.year ? -1 : 1;
  if (a.iso !== null && b.iso !== null && a.iso !== b.iso) return a.iso < b.iso ? -1 : 1;
  return 0;
}

/**
 * A member as typed on the command line: "role:naissance[:statut]", e.g. "principal:1980-05-10:actif",
 * "enfant:2015", "conjoint:1979:retraité" (accents and case ignored for role and status).
 */
export function parseMemberArg(text: string): { ok: true; member: MemberInput } | { ok: false; message: string } {
  const parts = text.split(':').map((p) => p.trim());
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (parts.length < 2 || parts.length > 3) {
    return { ok: false, message: `membre « ${text} »: forme « rôle:naissance[:statut] » attendue, ex. « principal:1980-05-10:actif »` };
  }
  const role = fold(parts[0]!);
  if (!(roles as readonly string[]).includes(role)) return { ok: false, message: `membre « ${text} »: rôle « ${parts[0]} » inconnu (principal, conjoint, enfant)` };
  if (!parseBirth(parts[1]!)) return { ok: false, message: `membre « ${text} »: date de naissance « ${parts[1]} » invalide (AAAA-MM-JJ ou AAAA)` };
  let status: Status | null = null;
  if (parts[2] !== undefined) {
    const st = fold(parts[2]);
    if (!(statuses as readonly string[]).includes(st)) return { ok: false, message: `membre « ${text} »: statut « ${parts[2]} » inconnu (actif, retraite)` };
    status = st as Status;
  }
  return { ok: true, member: { role: role as Role, birth: parts[1]!, status } };
}

export function rankChildren(members: readonly ResolvedMember[]): { ranks: Map<number, number>; tie: boolean } {
  const children = members.filter((m) => m.role === 'enfant');
  const sorted = [...children].sort((a, b) => compareBirth(a.birth, b.birth) || a.index - b.index);
  let tie = false;
  for (let i = 1; i < sorted.length; i++) if (compareBirth(sorted[i - 1]!.birth, sorted[i]!.birth) === 0) tie = true;
  return { ranks: new Map(sorted.map((m, i) => [m.index, i + 1])), tie };
}
