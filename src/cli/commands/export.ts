import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { MemberDto, QuoteRequestDto } from '../../shared/api';
import { parseComponentArg } from '../../shared/core/revision';
import { catalogueList, openForReading } from '../../main/services/catalogue';
import { deliberationWorkbook, quoteWorkbook, tariffWorkbook } from '../../main/services/exports';
import { offersOfProducts } from '../../main/services/pricing';
import { GrilleError } from '../../shared/errors';
import { dbPathOf, type GlobalOptions } from '../context';
import { addHouseholdOptions, collect, parseMembers, tariffDate, type HouseholdOptions } from '../options';
import { checkOutPath, documentDate, reportWritten } from '../write-file';

const invalid = (message: string) => new GrilleError('INVALID_INPUT', message);

interface Common {
  out: string;
  date?: string;
  json?: boolean;
}

const MAX_HEADCOUNTS_BYTES = 1024 * 1024;

export function registerExport(program: Command, globals: () => GlobalOptions): void {
  const cmd = program.command('export').description('classeurs Excel : tarifs, devis, délibération (la comparaison : grille compare --out)');

  cmd
    .command('tariffs')
    .description('tables de cotisations par produit × version (tous les produits si aucun)')
    .argument('[product-id...]', 'produits (défaut : tous)')
    .requiredOption('--out <fichier.xlsx>', 'classeur à écrire')
    .option('--date <date>', 'date du document AAAA-MM-JJ (défaut : aujourd’hui)')
    .option('--json', 'sortie JSON')
    .action(async (ids: string[], o: Common) => {
      const date = documentDate(o.date);
      const out = checkOutPath(o.out);
      const cat = await openForReading(dbPathOf(globals()));
      try {
        const productIds = ids.length ? ids : catalogueList(cat).map((p) => p.id);
        reportWritten('tariffs', out, await tariffWorkbook(cat, productIds, date), o.json, { products: productIds.length });
      } finally {
        cat.close();
      }
    });

  addHouseholdOptions(cmd.command('quote').description('devis d’un foyer, offres côte à côte (mêmes options que grille quote)'))
    .requiredOption('--out <fichier.xlsx>', 'classeur à écrire')
    .option('--date <date>', 'date du document AAAA-MM-JJ (défaut : aujourd’hui)')
    .option('--json', 'sortie JSON')
    .action(async (ids: string[], o: Common & HouseholdOptions, command: Command) => {
      const date = documentDate(o.date);
      const out = checkOutPath(o.out);
      const at = tariffDate(command, o);
      const members: MemberDto[] = parseMembers(o.member).map((m) => ({ role: m.role, birth: m.birth, status: m.status ?? null }));
      const cat = await openForReading(dbPathOf(globals()));
      try {
        const request: QuoteRequestDto = {
          offers: offersOfProducts(cat, ids, o.formula),
          at,
          members,
          mav: { options: o.option, sports: o.sports, periodicity: o.periodicity, adhesion: o.adhesion, renouncedOptions: o.renounced },
        };
        reportWritten('quote', out, await quoteWorkbook(cat, request, date), o.json);
      } finally {
        cat.close();
      }
    });

  cmd
    .command('deliberation')
    .description('classeur de délibération (CDG) : cotisations avant/après, écarts, composantes, impact budgétaire')
    .argument('<product-id>')
    .requiredOption('--from-at <date>', 'date qui désigne la version « avant » (AAAA-MM-JJ)')
    .option('--to-at <date>', 'date qui désigne la version « après » (ou la date d’effet de la révision)')
    .option('--component <libellé:taux>', 'ou une révision : composante, ex. "PMSS:1.9" (répétable)', collect, [])
    .option('--mode <mode>', 'additive (défaut) ou compound')
    .option('--reference <texte>', 'référence, ex. "avenant n°3"')
    .option('--headcounts <fichier>', 'effectifs : CSV « formule;segment;effectif[;statut][;tranche] » ou JSON')
    .option('--participation <spec>', 'participation employeur, ex. "15" ou "bands:remuneration:0-1800=20,1800+=10"')
    .requiredOption('--out <fichier.xlsx>', 'classeur à écrire')
    .option('--date <date>', 'date du document AAAA-MM-JJ (défaut : aujourd’hui)')
    .option('--json', 'sortie JSON')
    .action(
      async (
        id: string,
        o: Common & { fromAt: string; toAt?: string; component: string[]; mode?: string; reference?: string; headcounts?: string; participation?: string },
      ) => {
        const date = documentDate(o.date);
        const out = checkOutPath(o.out);
        const components = o.component.map((c) => {
          const parsed = parseComponentArg(c);
          if (!parsed.ok) throw invalid(`--component ${parsed.message}`);
          return parsed.component;
        });
        if (o.mode !== undefined && o.mode !== 'additive' && o.mode !== 'compound') throw invalid(`--mode « ${o.mode} » : additive ou compound attendu`);
        if (components.length === 0 && o.toAt === undefined) throw invalid('indiquez la version « après » (--to-at AAAA-MM-JJ) ou une révision (--component "libellé:taux")');
        if (o.participation !== undefined && o.headcounts === undefined) throw invalid('--participation sans --headcounts : la participation employeur ne se calcule qu’avec les effectifs');
        if (o.mode !== undefined && components.length === 0) throw invalid('--mode ne vaut que pour une révision (--component)');
        let headcounts: { text: string; format: 'csv' | 'json'; name: string } | undefined;
        if (o.headcounts !== undefined) {
          let size: number;
          try {
            size = statSync(o.headcounts).size;
          } catch {
            throw invalid(`--headcounts : fichier des effectifs introuvable : ${o.headcounts}`);
          }
          if (size > MAX_HEADCOUNTS_BYTES) throw invalid(`--headcounts ${o.headcounts} : fichier trop gros (${size} octets, 1 Mo au plus)`);
          headcounts = { text: readFileSync(o.headcounts, 'utf8'), format: /\.json$/i.test(o.headcounts) ? 'json' : 'csv', name: basename(o.headcounts) };
        }
        const cat = await openForReading(dbPathOf(globals()));
        try {
          const bytes = await deliberationWorkbook(
            cat,
            {
              productId: id,
              fromAt: o.fromAt,
              toAt: o.toAt,
              components,
              mode: o.mode as 'additive' | 'compound' | undefined,
              reference: o.reference,
              headcounts,
              participation: o.participation,
            },
            date,
          );
          reportWritten('deliberation', out, bytes, o.json);
        } finally {
          cat.close();
        }
      },
    );
}
