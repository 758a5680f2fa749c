/**
 * Employer participation (participation employeur) for the CDG budget impact: euros per agent per month, flat
 * or by bands of remuneration or of family situation, always capped at the agent's cotisation (PSC rule). Pure.
 *
 * Spec (typed): `ParticipationSpec`
 *   { kind: "none" } | { kind: "flat", amountCents } | { kind: "remuneration", bands: [{ key, fromCents, toCents|null, amountCents }] }
 *   | { kind: "family", bands: [{ key, amountCents }] }, each with optional `segments` (the segments whose members
 *   receive it; default: impact.ts takes the agent segments, those open to the principal and not retired).
 *
 * CLI string (`parseParticipationSpec`):
 *   "none" | "aucune"                                → no participation
 *   "15" | "15,50" | "flat:15" | "forfait:15"        → 15 € per agent per month
 *   "bands:remuneration:0-1800=20,1800-2500=15,2500+=10"
 *       monthly remuneration bands in euros, lower bound included, upper excluded, "2500+" open (last band);
 *       bands may not overlap. Inside bands write decimals with a point, or separate the bands with ";".
 *   "bands:famille:isole=15,couple=20,famille=25"   → by family situation (keys are free codes)
 *   any of them followed by "@jeune-actif,actif"    → the segments receiving it
 *   ("tranches" = "bands"; "rémunération", "salaire" = "remuneration"; "family", "situation" = "famille").
 *
 * API
 * - `parseParticipationSpec(text)` → `{ ok: true, spec }` | `{ ok: false, message }` (French).
 * - `participationFor(spec, band)` → `{ ok: true, amountCents, band }` | `{ ok: false, message }`: the monthly
 *   amount for an agent in `band` (a band key, or for remuneration a monthly amount in euros), before the cap.
 * - `describeParticipation(spec)` → French text.
 */
import { formatEuros, parseEuros } from './money';

export interface RemunerationBand {
  key: string;
  fromCents: number;
  /** excluded; null = no upper bound */
  toCents: number | null;
  amountCents: number;
}

export interface FamilyBand {
  key: string;
  amountCents: number;
}

export type ParticipationSpec = (
  | { kind: 'none' }
  | { kind: 'flat'; amountCents: number }
  | { kind: 'remuneration'; bands: RemunerationBand[] }
  | { kind: 'family'; bands: FamilyBand[] }
) & { segments?: string[] | undefined };

type Fail = { ok: false; message: string };

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();
}

function amount(text: string, what: string): { ok: true; cents: number } | Fail {
  const c = parseEuros(text);
  return c === null ? { ok: false, message: `${what}: montant « ${text} » invalide (euros positifs, ex. 15 ou 15,50)` } : { ok: true, cents: c };
}

export function parseParticipationSpec(text: string): { ok: true; spec: ParticipationSpec } | Fail {
  let t = text.trim();
  let segments: string[] | undefined;
  const at = t.lastIndexOf('@');
  if (at >= 0) {
    segments = t.slice(at + 1).split(',').map((s) => s.trim()).filter(Boolean);
    t = t.slice(0, at).trim();
    if (segments.length === 0) return { ok: false, message: `participation « ${text} »: segments attendus après « @ »` };
  }
  const withSegments = (spec: ParticipationSpec): { ok: true; spec: ParticipationSpec } => ({
    ok: true,
    spec: segments ? { ...spec, segments } : spec,
  });
  const f = fold(t);
  if (f === 'none' || f === 'aucune' || f === 'aucun') return withSegments({ kind: 'none' });
  const flat = /^(?:flat|forfait)\s*:\s*(.+)$/i.exec(t);
  if (flat || /^[\d\s.,]+€?$/.test(t)) {
    const a = amount(flat ? flat[1]! : t, 'participation');
    return a.ok ? withSegments({ kind: 'flat', amountCents: a.cents }) : a;
  }
  const m = /^(bands|tranches)\s*:\s*([^:]+):(.*)$/i.exec(t);
  if (!m) {
    return {
      ok: false,
      message: `participation « ${text} » illisible: « 15 », « bands:remuneration:0-1800=20,1800-2500=15,2500+=10 » ou « bands:famille:isole=15,couple=20 » attendu`,
    };
  }
  const basis = fold(m[2]!);
  const body = m[3]!.trim();
  const parts = body.split(body.includes(';') ? ';' : ',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: `participation « ${text} »: aucune tranche` };
  if (basis === 'remuneration' || basis === 'salaire') {
    const bands: RemunerationBand[] = [];
    for (const p of parts) {
      const b = /^([\d.,]+)\s*(?:-\s*([\d.,]+)|(\+))\s*=\s*(.+)$/.exec(p);
      if (!b) return { ok: false, message: `tranche « ${p} »: forme « 0-1800=20 » ou « 2500+=10 » attendue` };
      const from = amount(b[1]!, `tranche « ${p} »`);
      if (!from.ok) return from;
      let to: number | null = null;
      if (b[2] !== undefined) {
        const x = amount(b[2], `tranche « ${p} »`);
        if (!x.ok) return x;
        to = x.cents;
        if (to <= from.cents) return { ok: false, message: `tranche « ${p} »: borne haute inférieure ou égale à la borne basse` };
      }
      const a = amount(b[4]!, `tranche « ${p} »`);
      if (!a.ok) return a;
      bands.push({ key: p.slice(0, p.indexOf('=')).replace(/\s+/g, ''), fromCents: from.cents, toCents: to, amountCents: a.cents });
    }
    bands.sort((x, y) => x.fromCents - y.fromCents);
    for (let i = 0; i < bands.length; i++) {
      const b = bands[i]!;
      const next = bands[i + 1];
      if (next && (b.toCents === null || b.toCents > next.fromCents)) {
        return { ok: false, message: `tranches « ${b.key} » et « ${next.key} » se chevauchent` };
      }
    }
    return withSegments({ kind: 'remuneration', bands });
  }
  if (basis === 'famille' || basis === 'family' || basis === 'situation' || basis === 'situation-familiale') {
    const bands: FamilyBand[] = [];
    for (const p of parts) {
      const b = /^([^=]+)=\s*(.+)$/.exec(p);
      if (!b || !b[1]!.trim()) return { ok: false, message: `tranche « ${p} »: forme « isole=15 » attendue` };
      const key = fold(b[1]!);
      if (bands.some((x) => x.key === key)) return { ok: false, message: `situation « ${key} » en double` };
      const a = amount(b[2]!, `tranche « ${p} »`);
      if (!a.ok) return a;
      bands.push({ key, amountCents: a.cents });
    }
    return withSegments({ kind: 'family', bands });
  }
  return { ok: false, message: `participation: base « ${m[2]} » inconnue (remuneration ou famille)` };
}

export function participationFor(
  spec: ParticipationSpec,
  band: string | null,
): { ok: true; amountCents: number; band: string | null } | Fail {
  switch (spec.kind) {
    case 'none':
      return { ok: true, amountCents: 0, band: null };
    case 'flat':
      return { ok: true, amountCents: spec.amountCents, band: null };
    case 'family': {
      if (band === null) return { ok: false, message: 'situation familiale manquante (colonne « tranche »)' };
      const b = spec.bands.find((x) => x.key === fold(band));
      return b
        ? { ok: true, amountCents: b.amountCents, band: b.key }
        : { ok: false, message: `situation « ${band} » absente de la participation (${spec.bands.map((x) => x.key).join(', ')})` };
    }
    case 'remuneration': {
      if (band === null) return { ok: false, message: 'tranche de rémunération manquante (colonne « tranche »)' };
      const byKey = spec.bands.find((x) => x.key === band.replace(/\s+/g, ''));
      if (byKey) return { ok: true, amountCents: byKey.amountCents, band: byKey.key };
      const pay = parseEuros(band);
      if (pay === null) return { ok: false, message: `tranche « ${band} »: clé de tranche ou rémunération en euros attendue` };
      const b = spec.bands.find((x) => x.fromCents <= pay && (x.toCents === null || pay < x.toCents));
      return b
        ? { ok: true, amountCents: b.amountCents, band: b.key }
        : { ok: false, message: `rémunération ${formatEuros(pay)} hors des tranches (${spec.bands.map((x) => x.key).join(', ')})` };
    }
  }
}

export function describeParticipation(spec: ParticipationSpec): string {
  const seg = spec.segments ? ` (segments: ${spec.segments.join(', ')})` : '';
  switch (spec.kind) {
    case 'none':
      return `aucune participation employeur${seg}`;
    case 'flat':
      return `${formatEuros(spec.amountCents)} par agent et par mois${seg}`;
    case 'remuneration':
      return `par tranche de rémunération mensuelle: ${spec.bands.map((b) => `${b.key} € → ${formatEuros(b.amountCents)}`).join('; ')}${seg}`;
    case 'family':
      return `par situation familiale: ${spec.bands.map((b) => `${b.key} → ${formatEuros(b.amountCents)}`).join('; ')}${seg}`;
  }
}
