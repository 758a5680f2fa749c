import type { Command } from 'commander';
import type { Hypothesis, Refusal } from '../../shared/core/pricing-types';
import type { HouseholdQuote } from '../../shared/core/quote';
import type { MavQuote } from '../../shared/core/mav';
import type { ImpactResult, SideTotals } from '../../shared/core/impact';
import type { RevisionResult } from '../../shared/core/revision';
import { openCatalogue, openForReading } from '../../main/services/catalogue';
import { impact, offersOfProducts, quote, revise } from '../../main/services/pricing';
import { GrilleError } from '../../shared/errors';
import { dbPathOf, type GlobalOptions } from '../context';
import { addHouseholdOptions, collect, parseMembers, tariffDate, type HouseholdOptions } from '../options';
import { euros, frDate, money, pct, printJson, table } from '../output';


function hypothesesAndRefusals(out: string[], hypotheses: Hypothesis[], refusals: Refusal[], referrals: Refusal[] = []): void {
  for (const r of refusals) out.push(`  ✗ Refus : ${r.message}${r.rule ? ` (${r.rule.source.section}, l. ${r.rule.source.lines[0]}-${r.rule.source.lines[1]})` : ''}`);
  for (const r of referrals) out.push(`  ? À soumettre à l'assureur : ${r.message}`);
  for (const h of hypotheses) out.push(`  Hypothèse : ${h.text}${h.source ? ` — « ${h.source.quote} »` : ''}`);
}

function showHousehold(q: HouseholdQuote): string {
  const out = [`${q.productName} — ${q.formula.label} [${q.productId}:${q.formula.code}]`, `  Version : ${q.version ? q.version.label : 'aucune'} — date d'effet ${frDate(q.at)}`];
  if (q.lines.length) {
    out.push(
      table(
        ['Membre', 'Âge', 'Segment', 'Cotisation', 'Motif'],
        q.lines.map((l) => [l.label ?? (l.role ? `${l.role}${l.birth ? ` (${l.birth})` : ''}` : 'foyer'), l.age === null ? '—' : String(l.age), l.segment?.label ?? '—', l.amountCents === null ? 'non précisé' : `${euros(l.amountCents)}${l.period === 'year' ? ' /an' : ' /mois'}`, l.why]),
      )
        .split('\n')
        .map((s) => `  ${s}`)
        .join('\n'),
    );
  }
  const t = q.totals;
  if (t.complete && t.monthlyCents !== null) out.push(`  Total : ${euros(t.monthlyCents)} par mois, ${euros(t.annualCents!)} par an`);
  else if (t.complete && t.annualCents !== null) out.push(`  Total : ${euros(t.annualCents)} par an`);
  else out.push(`  Total incomplet (tarif non précisé ou membre refusé) — connu : ${euros(t.partialMonthlyCents)} par mois`);
  for (const n of q.notes) out.push(`  Note : ${n}`);
  hypothesesAndRefusals(out, q.hypotheses, q.refusals);
  return out.join('\n');
}

function showMav(q: MavQuote): string {
  const out = [`${q.productName} — ${q.formula.label}, ${q.option.label} [${q.productId}:${q.formula.code}:${q.option.code}]`, `  Adhésion : ${frDate(q.adhesion)} — version ${q.version?.label ?? 'aucune'}`];
  if (q.status === 'priced') {
    out.push(`  Cotisation de base : ${money(q.baseAnnualCents)} par an`);
    if (q.surcharge) out.push(`  Surprime sports à risque (${q.surcharge.sports} sport(s), +${q.surcharge.percent} %) : ${euros(q.surcharge.amountCents)}`);
    out.push(`  Cotisation annuelle : ${money(q.annualCents)}`);
    if (q.installments) {
      const i = q.installments;
      out.push(`  Échéance ${i.periodicity} : ${i.count} × ${euros(i.amountCents)} = ${euros(i.totalCents)}${i.roundingDiffCents ? ` (écart d'arrondi ${i.roundingDiffCents > 0 ? '+' : ''}${euros(i.roundingDiffCents)})` : ''}`);
    }
    if (q.firstPremium) out.push(`  Première cotisation (${q.firstPremium.months} mois) : ${euros(q.firstPremium.amountCents)}`);
  } else {
    out.push(q.status === 'refer' ? "  Non tarifé : à soumettre à l'assureur" : '  Non tarifé : refusé');
  }
  for (const s of q.sports.lines) out.push(`  Sport « ${s.input} » : ${s.why}`);
  hypothesesAndRefusals(out, q.hypotheses, q.refusals, q.referrals);
  return out.join('\n');
}

function showRevision(r: RevisionResult, saved: { version: string } | null): string {
  const out = [
    `Révision ${r.mode === 'additive' ? 'additive' : 'composée'} de la version ${r.fromVersion} : ${r.components.map((c) => `${c.label} ${c.rate.replace('.', ',')} %`).join(' + ')} = ${r.totalRateText} (× ${r.factorText}), à compter du ${frDate(r.effectiveFrom)}${r.reference ? ` — ${r.reference}` : ''}`,
    table(
      ['Formule', 'Option', 'Segment', 'Avant', 'Après', 'Δ €', 'Δ %'],
      r.cells.map((c) => [c.formula, c.option, c.segment, euros(c.oldCents), euros(c.newCents), `${c.deltaCents >= 0 ? '+' : ''}${euros(c.deltaCents)}`, pct(c.deltaPercent)]),
    ),
  ];
  for (const h of r.hypotheses) out.push(`Hypothèse : ${h.text}`);
  out.push(saved ? `Enregistrée comme version « ${saved.version} ».` : 'Non enregistrée (--save pour créer la version).');
  return out.join('\n');
}

function side(t: SideTotals): string[] {
  return [money(t.monthlyCents), money(t.annualCents), money(t.employerAnnualCents), money(t.netAnnualCents)];
}

function showImpact(r: ImpactResult): string {
  const out = [`Impact budgétaire : ${r.beforeLabel} → ${r.afterLabel} — participation employeur : ${r.participation}`];
  out.push(
    table(
      ['Formule', 'Segment', 'Effectif', 'Mensuel avant', 'Mensuel après', 'Δ € /mois', 'Δ %', 'Employeur /an après', 'Net agent /mois après'],
      r.lines.map((l) => [
        l.formula,
        l.segment + (l.status ? ` (${l.status})` : '') + (l.band ? ` [${l.band}]` : ''),
        String(l.count),
        money(l.before.monthlyCents),
        money(l.after.monthlyCents),
        money(l.deltaMonthlyCents),
        pct(l.deltaPercent),
        money(l.after.employerAnnualCents),
        money(l.after.netPerAgentCents),
      ]),
    ),
  );
  out.push(
    table(
      ['Total', 'Mensuel', 'Annuel', 'Employeur annuel', 'Net agents annuel'],
      [
        ['avant', ...side(r.totals.before)],
        ['après', ...side(r.totals.after)],
      ],
    ),
  );
  out.push(`Écart : ${money(r.totals.deltaMonthlyCents)} par mois, ${money(r.totals.deltaAnnualCents)} par an (${pct(r.totals.deltaPercent)}) — ${r.totals.count} personnes`);
  if (!r.complete) out.push('Totaux incomplets : des cellules n’ont pas de prix dans la source.');
  for (const m of r.missing) out.push(`  ligne ${m.line} (${m.side === 'before' ? 'avant' : 'après'}) ${m.formula}/${m.segment} : ${m.why}`);
  for (const h of r.hypotheses) out.push(`Hypothèse : ${h.text}`);
  return out.join('\n');
}

export function registerPricing(program: Command, globals: () => GlobalOptions): void {
  addHouseholdOptions(program.command('quote').description('devis d’un foyer sur un ou plusieurs produits (tous si aucun), ou cotisation MAV'))
    .option('--json', 'sortie JSON (montants en centimes)')
    .action(async (ids: string[], o: HouseholdOptions & { json?: boolean }, cmd: Command) => {
      const at = tariffDate(cmd, o);
      const members = parseMembers(o.member);
      const cat = await openForReading(dbPathOf(globals()));
      try {
        const offers = offersOfProducts(cat, ids, o.formula);
        const quotes = quote(cat, { offers, at, members, options: o.option, sports: o.sports, periodicity: o.periodicity, adhesion: o.adhesion, renouncedOptions: o.renounced });
        if (o.json) return printJson({ quotes });
        console.log(quotes.map((q) => (q.kind === 'mav' ? showMav(q) : showHousehold(q))).join('\n\n'));
      } finally {
        cat.close();
      }
    });

  program
    .command('revise')
    .description('révision tarifaire : nouvelle version datée et écart cellule par cellule')
    .argument('<product-id>')
    .requiredOption('--from-at <date>', 'date qui désigne la version de départ (AAAA-MM-JJ)')
    .option('--component <libellé:taux>', 'composante, ex. "PMSS:1.9" (répétable)', collect, [])
    .option('--mode <mode>', 'additive (défaut) ou compound')
    .requiredOption('--effective <date>', "date d'effet de la nouvelle version")
    .option('--reference <texte>', 'référence, ex. "avenant n°3"')
    .option('--code <code>', 'code de la version enregistrée (défaut : revision-<date>)')
    .option('--save', 'enregistre la nouvelle version dans le catalogue')
    .option('--json', 'sortie JSON (montants en centimes)')
    .action(async (id: string, o: { fromAt?: string; component: string[]; mode?: string; effective?: string; reference?: string; code?: string; save?: boolean; json?: boolean }) => {
      if (o.component.length === 0) throw new GrilleError('INVALID_INPUT', 'aucune composante : indiquez --component "libellé:taux", ex. --component "PMSS:1.9"');
      const path = dbPathOf(globals());
      const cat = o.save ? await openCatalogue(path) : await openForReading(path);
      try {
        const r = revise(cat, { productId: id, fromAt: o.fromAt, components: o.component, mode: o.mode, effective: o.effective, reference: o.reference, code: o.code, save: !!o.save });
        if (o.json) return printJson(r);
        console.log(showRevision(r.revision, r.saved));
      } finally {
        cat.close();
      }
    });

  program
    .command('impact')
    .description('impact budgétaire pour un CDG : coût avant/après par segment × formule, participation employeur')
    .argument('<product-id>')
    .requiredOption('--headcounts <fichier>', 'effectifs : CSV « formule;segment;effectif » ou JSON')
    .requiredOption('--from-at <date>', 'date de la version « avant »')
    .option('--to-at <date>', 'date de la version « après »')
    .option('--component <libellé:taux>', 'ou une révision : composantes (répétable)', collect, [])
    .option('--mode <mode>', 'additive (défaut) ou compound')
    .option('--participation <spec>', 'participation employeur, ex. "15" ou "bands:remuneration:0-1800=20,1800+=10"')
    .option('--json', 'sortie JSON (montants en centimes)')
    .action(async (id: string, o: { headcounts?: string; fromAt?: string; toAt?: string; component: string[]; mode?: string; participation?: string; json?: boolean }) => {
      const cat = await openForReading(dbPathOf(globals()));
      try {
        const revision = o.component.length ? { productId: id, fromAt: o.fromAt, components: o.component, mode: o.mode, effective: o.toAt ?? o.fromAt, reference: undefined, code: undefined, save: false } : undefined;
        const r = impact(cat, { productId: id, headcountsFile: o.headcounts, fromAt: o.fromAt, toAt: o.toAt, participation: o.participation, ...(revision ? { revision } : {}) });
        if (o.json) return printJson({ impact: r });
        console.log(showImpact(r));
      } finally {
        cat.close();
      }
    });
}
