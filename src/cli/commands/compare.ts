import type { Command } from 'commander';
import type { CompareRequest } from '../../shared/api';
import type { Comparison, ComparisonRow } from '../../shared/core/compare';
import { catalogueList, openForReading } from '../../main/services/catalogue';
import { compareColumns, parseColumnArg } from '../../main/services/compare';
import { comparisonExport } from '../../main/services/exports';
import { dbPathOf, type GlobalOptions } from '../context';
import { frDate, printJson } from '../output';
import { checkOutPath, documentDate, reportWritten } from '../write-file';

interface CompareOptions {
  at?: string;
  category?: string;
  search?: string;
  differences?: boolean;
  json?: boolean;
  out?: string;
  date?: string;
}

const BEST = '▲';
const WORST = '▼';

/** A text cut to `width` characters, "…" marking the cut; line breaks folded. */
function fit(text: string, width: number): string {
  const t = text.replace(/\s*\n\s*/g, ' ');
  return t.length <= width ? t.padEnd(width) : `${t.slice(0, Math.max(0, width - 1))}…`;
}

function terminalWidth(): number {
  const env = Number(process.env.COLUMNS);
  if (process.stdout.isTTY && process.stdout.columns) return Math.max(60, process.stdout.columns);
  return Number.isFinite(env) && env >= 60 ? env : 120;
}

function cellText(row: ComparisonRow, i: number): string {
  const mark = row.best.includes(i) ? `${BEST} ` : row.worst.includes(i) ? `${WORST} ` : '';
  return `${mark}${row.cells[i]!.text}`;
}

/**
 * The grid for a terminal: rows × columns, cells cut to the column width. Columns that do not fit side
 * by side are shown in successive blocks, each with the guarantee column again.
 */
export function renderComparison(m: Comparison, width: number): string {
  const out: string[] = [];
  const n = m.columns.length;
  // every line fits the terminal: the summary and the legend are cut like the cells
  const cut = (line: string) => (line.length <= width ? line : `${line.slice(0, width - 1)}…`);
  out.push(
    `Comparaison : ${n} colonne${n > 1 ? 's' : ''}, ${m.counts.shown} garantie${m.counts.shown > 1 ? 's' : ''} affichée${m.counts.shown > 1 ? 's' : ''} sur ${m.counts.categories}, dont ${m.counts.differing} qui diffèrent${m.at ? ` — versions en vigueur le ${frDate(m.at)}` : ' — dernière version de chaque produit'}`,
  );
  out.push('');
  m.columns.forEach((c, i) => {
    out.push(`  [${i + 1}] ${c.productId}:${c.formula}${c.option ? `:${c.option}` : ''} — ${c.productName} — ${c.option ? `${c.formulaLabel} + ${c.optionLabel}` : c.formulaLabel} — ${c.versionLabel}`);
  });
  out.push('');
  const rows = m.rows;
  if (rows.length === 0) {
    out.push('Aucune garantie ne correspond au filtre.');
    return out.join('\n');
  }
  const labels = rows.map((r) => `${'  '.repeat(r.depth)}${r.type === 'group' ? r.label.toUpperCase() : r.label}`);
  const labelWidth = Math.min(Math.max(38, Math.floor(width * 0.3)), Math.max(8, ...labels.map((l) => l.length)));
  const room = width - labelWidth - 4; // the "≠" column and separators
  const colWidth = Math.max(20, Math.min(34, Math.floor(room / n) - 2));
  const perBlock = Math.max(1, Math.floor(room / (colWidth + 2)));
  for (let start = 0; start < n; start += perBlock) {
    const cols = m.columns.slice(start, start + perBlock).map((_c, k) => start + k);
    if (n > perBlock) out.push(`Colonnes ${start + 1} à ${cols[cols.length - 1]! + 1} sur ${n}`);
    const line = (label: string, cells: string[], diff: string) => `${fit(label, labelWidth)}  ${cells.map((c) => fit(c, colWidth)).join('  ')}  ${diff}`.trimEnd();
    out.push(line('Garantie', cols.map((i) => `[${i + 1}] ${m.columns[i]!.productId}`), ''));
    out.push(line('', cols.map((i) => `    ${m.columns[i]!.option ? `${m.columns[i]!.formulaLabel} + ${m.columns[i]!.optionLabel}` : m.columns[i]!.formulaLabel}`), ''));
    out.push(line('-'.repeat(labelWidth), cols.map(() => '-'.repeat(colWidth)), '-'));
    rows.forEach((r, k) => {
      if (r.type === 'group') out.push(fit(labels[k]!, labelWidth).trimEnd());
      else out.push(line(labels[k]!, cols.map((i) => cellText(r, i)), r.differs ? '≠' : ''));
    });
    out.push('');
  }
  out.push(`${BEST} la meilleure colonne de la ligne, ${WORST} la moins bonne ; ≠ les colonnes diffèrent ;`);
  out.push('« … » texte coupé : --json ou --out FICHIER.xlsx pour tout le texte et les sources.');
  return out.map(cut).join('\n');
}

export function registerCompare(program: Command, globals: () => GlobalOptions): void {
  program
    .command('compare')
    .description('grille de comparaison des garanties, colonnes produit[:formule] côte à côte (tout le catalogue si aucune)')
    .argument('[columns...]', 'produit[:formule[:option]] (défaut : chaque formule de chaque produit)')
    .option('--at <date>', 'versions en vigueur à cette date AAAA-MM-JJ (défaut : la dernière)')
    .option('--category <préfixe>', 'catégorie de la taxonomie et celles en dessous, ex. assistance.aide_domicile')
    .option('--search <texte>', 'mots à trouver (accents et casse ignorés)')
    .option('--differences', 'seulement les lignes où les colonnes diffèrent')
    .option('--json', 'sortie JSON (le modèle de comparaison ; montants en centimes)')
    .option('--out <fichier.xlsx>', 'écrit le classeur de comparaison')
    .option('--date <date>', 'date du document AAAA-MM-JJ (défaut : aujourd’hui)')
    .action(async (args: string[], o: CompareOptions) => {
      const date = documentDate(o.date);
      const out = o.out === undefined ? null : checkOutPath(o.out);
      const cat = await openForReading(dbPathOf(globals()));
      try {
        const columns = args.length ? args.map(parseColumnArg) : catalogueList(cat).map((p) => ({ productId: p.id, formula: '', option: null }));
        const request: CompareRequest = {
          columns,
          at: o.at ?? null,
          filter: { category: o.category ?? null, search: o.search ?? null, differencesOnly: !!o.differences },
        };
        if (out) {
          const { bytes, comparison } = await comparisonExport(cat, request, date);
          reportWritten('comparison', out, bytes, o.json, { columns: comparison.columns.length, rows: comparison.counts.shown });
          return;
        }
        const comparison = compareColumns(cat, request);
        // the grid is long: a reader that stops early (| head, | less then q) ends the output quietly
        process.stdout.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code === 'EPIPE') process.exit(0);
        });
        if (o.json) return printJson({ comparison });
        console.log(renderComparison(comparison, terminalWidth()));
      } finally {
        cat.close();
      }
    });
}
