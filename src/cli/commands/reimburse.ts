import type { Command } from 'commander';
import type { ResponsibleReport, SimulationResult } from '../../shared/core/reimbursement';
import { openForReading } from '../../main/services/catalogue';
import { listActs, reimburse, responsibleCheck } from '../../main/services/reimbursement';
import { dbPathOf, type GlobalOptions } from '../context';
import { euros, frDate, money, printJson, table } from '../output';

interface ReimburseOptions {
  list?: boolean;
  act?: string;
  basket?: string;
  price?: string;
  br?: string;
  date?: string;
  optam?: string;
  sante100?: string;
  quantity?: string;
  bonusFidelite?: boolean;
  responsable?: boolean;
  json?: boolean;
}

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const indent = (text: string, by = '  ') => text.split('\n').map((l) => `${by}${l}`).join('\n');

function showList(): string {
  const { acts, baskets } = listActs();
  return [
    'Actes (--act) :',
    indent(table(['Code', 'Libellé', '--price', 'OPTAM', '100 % Santé'], acts.map((a) => [a.code, a.label, a.price, a.optam ? '--optam requis' : '', a.centSante ? 'oui' : '']))),
    '',
    'Paniers (--basket) :',
    indent(table(['Code', 'Libellé', '--price'], baskets.map((b) => [b.code, b.label, b.price]))),
  ].join('\n');
}

function showSimulation(r: SimulationResult): string {
  const ss = r.securiteSociale;
  const who = r.input.optam === null ? '' : r.input.optam ? ' — médecin OPTAM/OPTAM-CO' : ' — médecin non OPTAM';
  const out = [
    `${r.subject.label}${r.input.centSante ? ' — 100 % Santé' : ''}${who}`,
    `Soins du ${frDate(r.date)} — dépense ${euros(r.priceCents)}`,
    `Sécurité sociale : ${euros(ss.netCents)} versés (BR ${euros(ss.brCents)}, remboursement ${euros(ss.grossCents)}${ss.participationForfaitaireCents ? `, participation forfaitaire − ${euros(ss.participationForfaitaireCents)}` : ''}${ss.franchiseCents ? `, franchise − ${euros(ss.franchiseCents)}` : ''}) ; ticket modérateur ${euros(ss.ticketModerateurCents)} ; au-delà de la BR ${euros(ss.depassementCents)}`,
    '',
    table(
      ['Offre', 'Garantie', 'Complémentaire', 'Reste à charge'],
      r.offers.map((o) => [
        `${o.productId}:${o.formula.code}`,
        [...new Set(o.lines.map((l) => l.guarantee?.text ?? 'non précisé'))].join(' ; '),
        o.status === 'unspecified' ? `non précisé${o.knownComplementaryCents ? ` (≥ ${euros(o.knownComplementaryCents)})` : ''}` : money(o.complementaryCents),
        o.resteAChargeCents === null ? 'non précisé' : euros(o.resteAChargeCents),
      ]),
    ),
    '',
    'Calcul :',
    indent(r.steps.map(plain).join('\n')),
  ];
  for (const o of r.offers) {
    out.push(`  ${o.productName} — formule ${o.formula.label} [${o.productId}:${o.formula.code}]`);
    out.push(indent(o.steps.map(plain).join('\n'), '    '));
  }
  const hyps = [...r.hypotheses, ...r.offers.flatMap((o) => o.hypotheses)];
  const seen = new Set<string>();
  const unique = hyps.filter((h) => !seen.has(h.text) && seen.add(h.text));
  if (unique.length) {
    out.push('Hypothèses :');
    for (const h of unique) out.push(`  - ${plain(h.text)}`);
  }
  const unverified = r.parameters.filter((p) => !p.verified).length;
  out.push(`Paramètres réglementaires utilisés : ${r.parameters.length}, dont ${unverified} non vérifié(s) (détail avec --json).`);
  return out.join('\n');
}

function showResponsible(checks: { productId: string; report: ResponsibleReport }[]): string {
  const out: string[] = [];
  for (const { productId, report } of checks) {
    out.push(`${productId} — contrat responsable au ${frDate(report.date)} : ${report.violations.length} infraction(s) sur ${report.findings.length} contrôle(s)`);
    const label = { conforme: 'conforme', violation: 'INFRACTION', non_verifiable: 'non vérifiable' } as const;
    for (const f of report.findings) out.push(`  [${label[f.status]}] ${f.message}`);
    for (const h of report.hypotheses) out.push(`  Hypothèse : ${h.text}`);
  }
  return out.join('\n');
}

export function registerReimburse(program: Command, globals: () => GlobalOptions): void {
  const cmd = program
    .command('reimburse')
    .description('simule un remboursement en euros : part Sécurité sociale, part complémentaire par formule, reste à charge, avec le détail du calcul')
    .argument('[offers...]', 'produit[:formule], ex. assurbp-sante-pro:F2 (toutes les formules si la formule est absente)')
    .option('--list', 'liste les actes et paniers connus (code et libellé)')
    .option('--act <code>', 'acte à simuler (voir --list)')
    .option('--basket <code>', 'panier à simuler : lunettes, couronne, aide-auditive, consultation-specialiste, hospitalisation-chambre-particuliere')
    .option('--price <euros>', 'prix payé, en euros (par unité ; pour les lunettes, le prix de l’équipement)')
    .option('--br <euros>', 'base de remboursement par unité, en euros (défaut : valeur réglementaire connue)')
    .option('--date <date>', 'date des soins AAAA-MM-JJ (choisit les paramètres en vigueur ; défaut : aujourd’hui)')
    .option('--optam <yes|no>', 'le médecin adhère-t-il à l’OPTAM/OPTAM-CO ?')
    .option('--sante100 <yes|no>', 'équipement ou prothèse du panier 100 % Santé (défaut : no)')
    .option('--quantity <n>', 'nombre d’unités : boîtes, oreilles, jours… (défaut : 1)')
    .option('--bonus-fidelite', 'applique le bonus fidélité quand la formule en a un (optique)')
    .option('--responsable', 'contrôle la grille des produits au regard du contrat responsable (plafonds des dépassements non OPTAM)')
    .option('--json', 'sortie JSON (montants en centimes)');
  cmd.action(async (offers: string[], o: ReimburseOptions) => {
    if (o.list) {
      if (offers.length || o.act || o.basket || o.responsable) cmd.error('grille reimburse : grille reimburse --list ne prend ni produit, ni acte, ni panier');
      if (o.json) return printJson(listActs());
      return console.log(showList());
    }
    if (offers.length === 0) cmd.error('grille reimburse : indiquez au moins un produit santé, ex. grille reimburse assurbp-sante-pro:F2 --act radiologie --price 55 --br 27,50 --optam yes');
    if (o.responsable) {
      if (o.act || o.basket) cmd.error('grille reimburse : --responsable contrôle une grille : ni --act ni --basket');
    } else {
      if (o.act && o.basket) cmd.error('grille reimburse : indiquez --act ou --basket, pas les deux');
      if (!o.act && !o.basket) cmd.error('grille reimburse : indiquez un acte (--act CODE) ou un panier (--basket NOM) ; grille reimburse --list pour les codes');
      if (o.price === undefined) cmd.error('grille reimburse : --price manquant : prix payé en euros');
    }
    const cat = await openForReading(dbPathOf(globals()));
    try {
      if (o.responsable) {
        const checks = responsibleCheck(cat, offers, o.date);
        if (o.json) return printJson({ checks });
        return console.log(showResponsible(checks));
      }
      const simulation = reimburse(cat, { offers, act: o.act, basket: o.basket, price: o.price, br: o.br, date: o.date, optam: o.optam, sante100: o.sante100, quantity: o.quantity, bonus: o.bonusFidelite });
      if (o.json) return printJson({ simulation });
      console.log(showSimulation(simulation));
    } finally {
      cat.close();
    }
  });
}
