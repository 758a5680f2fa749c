import type { Command } from 'commander';
import type { ProductFile } from '../../shared/core/catalogue-schema';
import { isUnsourcedFile, sourceFileText } from '../../shared/core/source-label';
import { catalogueCheck, catalogueList, catalogueReset, catalogueShow, openCatalogue, openForReading } from '../../main/services/catalogue';
import { euros, frDate, printJson, table } from '../output';
import { dbPathOf, type GlobalOptions } from '../context';

const kindLabels: Record<string, string> = {
  sante: 'santé',
  assistance: 'assistance',
  mav: 'accidents de la vie',
  prevoyance: 'prévoyance',
  reseau: 'réseau / services',
};

function showProduct(p: ProductFile): string {
  const out: string[] = [];
  const org = (id: string | null) => (id ? (p.organisations.find((o) => o.id === id)?.name ?? id) : '—');
  out.push(`${p.product.name} [${p.product.id}]`);
  out.push(`Type : ${kindLabels[p.product.kind] ?? p.product.kind}   Assureur : ${org(p.product.insurer)}   Distributeur : ${org(p.product.distributor)}`);
  if (p.product.references.length) out.push(`Références : ${p.product.references.join(', ')}`);
  if (p.product.subscribers.length) out.push(`Souscripteurs : ${p.product.subscribers.map(org).join(', ')}`);
  if (p.product.attachedTo) out.push(`Rattaché à : ${p.product.attachedTo}`);
  out.push('', 'Formules et options :');
  for (const f of p.formulas) out.push(`  ${f.code.padEnd(14)} ${f.label}${f.kind === 'option' ? ' (option)' : ''}`);
  out.push('', 'Versions :');
  for (const v of p.versions) {
    out.push(`  ${v.code.padEnd(14)} ${v.label} — du ${frDate(v.effectiveFrom)} au ${frDate(v.effectiveTo)}${v.reference ? ` — ${v.reference}` : ''}`);
    if (v.revision) out.push(`  ${''.padEnd(14)} révision ${v.revision.mode === 'additive' ? 'additive' : 'composée'} : ${v.revision.components.map((c) => `${c.label} ${c.rate.replace('.', ',')} %`).join(' + ')}`);
  }
  if (p.guarantees.length) {
    out.push('', `Garanties (${p.guarantees.length}) :`);
    for (const g of p.guarantees) {
      const scope = g.formulas[0] === '*' ? '' : ` [${g.formulas.join(', ')}]`;
      out.push(`  ${g.category}${scope} — ${g.label}`);
      out.push(`      ${g.status === 'unspecified' ? 'non précisé' : g.status === 'not_covered' ? 'non couvert' : g.text}`);
      if (g.conditions) out.push(`      conditions : ${g.conditions}`);
      out.push(isUnsourcedFile(g.source.file) ? `      source : ${sourceFileText(g.source.file)} (${g.source.quote})` : `      source : ${g.source.file}, ${g.source.section}, l. ${g.source.lines[0]}-${g.source.lines[1]}`);
    }
  } else {
    out.push('', 'Garanties : aucune dans les documents sources.');
  }
  if (p.tariffs.length) {
    for (const v of p.versions) {
      const cells = p.tariffs.filter((t) => t.version === v.code);
      if (!cells.length) continue;
      const segments = p.segments.filter((s) => cells.some((c) => c.segment === s.code));
      const keys = [...new Set(cells.map((c) => `${c.formula}|${c.option}`))];
      out.push('', `Tarifs ${v.label} (${cells[0]!.period === 'month' ? 'par mois' : 'par an'}) :`);
      out.push(
        table(
          ['Formule', ...segments.map((s) => s.label)],
          keys.map((k) => {
            const [formula, option] = k.split('|');
            const label = p.formulas.find((f) => f.code === formula)?.label ?? formula!;
            return [
              option ? `${label} / option ${option}` : label,
              ...segments.map((s) => {
                const c = cells.find((x) => x.formula === formula && x.option === option && x.segment === s.code);
                return c ? euros(c.amountCents) : 'non précisé';
              }),
            ];
          }),
        )
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n'),
      );
    }
  } else {
    out.push('', 'Tarifs : non précisés par les documents sources.');
  }
  if (p.rules.length) {
    out.push('', 'Règles :');
    for (const r of p.rules) out.push(`  ${r.type} — ${r.text}`);
  }
  return out.join('\n');
}

export function registerCatalogue(program: Command, globals: () => GlobalOptions): void {
  const cmd = program.command('catalogue').description('consulter et entretenir le catalogue des contrats');

  cmd
    .command('list')
    .description('liste les produits : type, assureur, formules, versions')
    .option('--json', 'sortie JSON (montants en centimes)')
    .action(async (opts: { json?: boolean }) => {
      const cat = await openForReading(dbPathOf(globals()));
      try {
        const products = catalogueList(cat);
        if (opts.json) return printJson({ products });
        console.log(
          table(
            ['Produit', 'Type', 'Assureur', 'Formules', 'Versions'],
            products.map((p) => [
              p.id,
              kindLabels[p.kind] ?? p.kind,
              p.insurer.name,
              p.formulas.map((f) => f.code).join(', '),
              p.versions.map((v) => v.code).join(', '),
            ]),
          ),
        );
        console.log(`\n${products.length} produits — ${cat.file}`);
      } finally {
        cat.close();
      }
    });

  cmd
    .command('show')
    .description('affiche un produit : garanties (valeurs, unités, sources) et tarifs')
    .argument('<product-id>', 'identifiant du produit (voir catalogue list)')
    .option('--json', 'sortie JSON (montants en centimes)')
    .action(async (id: string, opts: { json?: boolean }) => {
      const cat = await openForReading(dbPathOf(globals()));
      try {
        const product = catalogueShow(cat, id);
        if (opts.json) return printJson({ product });
        console.log(showProduct(product));
      } finally {
        cat.close();
      }
    });

  cmd
    .command('reset')
    .description('recrée le catalogue à partir du catalogue par défaut intégré')
    .option('--json', 'sortie JSON')
    .action(async (opts: { json?: boolean }) => {
      const cat = await openCatalogue(dbPathOf(globals()));
      try {
        const result = cat.created ? { products: catalogueList(cat).length } : catalogueReset(cat);
        if (opts.json) return printJson({ reset: true, products: result.products, db: cat.file });
        console.log(`Catalogue recréé : ${result.products} produits — ${cat.file}`);
      } finally {
        cat.close();
      }
    });

  cmd
    .command('check')
    .description("vérifie l'intégrité de la base et la provenance de chaque valeur")
    .option('--json', 'sortie JSON')
    .action(async (opts: { json?: boolean }) => {
      const cat = await openForReading(dbPathOf(globals()));
      try {
        const report = catalogueCheck(cat);
        if (opts.json) printJson(report);
        else {
          console.log(`Intégrité : ${report.integrity}`);
          console.log(`Clés étrangères : ${report.foreignKeyViolations === 0 ? 'ok' : `${report.foreignKeyViolations} violation(s)`}`);
          console.log(`Sources des cellules de tarif : ${report.orphanTariffSources === 0 ? 'ok' : `${report.orphanTariffSources} manquante(s)`}`);
          console.log(`Produits valides : ${report.products}`);
          for (const p of report.problems) console.log(`  ✗ ${p}`);
          const { checked, problems, unverifiable } = report.provenance;
          console.log(`Provenance : ${checked ? (problems.length ? `${problems.length} problème(s)` : 'toutes les citations des sources de Grille retrouvées dans leur texte') : report.provenance.message}`);
          for (const p of problems) console.log(`  ✗ ${p}`);
          if (checked) {
            console.log(`Non vérifiable : document absent des sources de Grille (cité dans Grille ou importé, à vérifier sur le document) : ${unverifiable.total}`);
            for (const u of unverifiable.products) {
              console.log(`  ⚠ ${u.id} : ${u.count} — ${u.where.slice(0, 10).join(', ')}${u.where.length > 10 ? ', …' : ''} (document${u.files.length > 1 ? 's' : ''} : ${u.files.join(', ')})`);
            }
          }
          console.log(`Valeurs sans source (saisies dans Grille sans document, à vérifier) : ${report.unsourced.total}`);
          for (const u of report.unsourced.products) console.log(`  ⚠ ${u.id} : ${u.count} — ${u.where.slice(0, 10).join(', ')}${u.where.length > 10 ? ', …' : ''}`);
          console.log(report.ok ? 'Catalogue vérifié.' : 'Catalogue NON conforme.');
        }
        if (!report.ok) process.exitCode = 1;
      } finally {
        cat.close();
      }
    });
}
