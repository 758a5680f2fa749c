/**
 * Catalogue data in and out, from the Catalogue view. « Importer… »: the open dialog, a dry run whose
 * report lists what would be created and every problem at its place (file, sheet, row, column, path);
 * nothing is written while there is a problem; else « Importer » with a comment, then the backup made.
 * « Exporter le catalogue… »: Excel or JSON, every product or the ones chosen.
 */
import type { ImportProblemDto, ImportReportDto, ImportRequest, PickedFile, ProductSummaryDto } from '../../shared/api';
import { ask } from '../ui/api';
import type { AppContext } from '../ui/context';
import { parseDateFr } from '../ui/dates';
import { openDialog } from '../ui/dialog';
import { checkbox, field, h, replace, select } from '../ui/dom';
import { checkCode } from '../ui/edit-values';
import { editHint } from '../ui/edits';
import { errorText, say, sayExported } from '../ui/notice';
import { formatDateFr } from '../../shared/core/format';
import { commentField, documentSourceFields } from '../ui/source-form';

const actionLabels: Record<ImportReportDto['products'][number]['action'], string> = {
  create: 'produit créé',
  'add-versions': 'nouvelles versions',
  'add-tariffs': 'nouveaux tarifs',
  unchanged: 'inchangé',
};

/** "classeur.xlsx, feuille Tarifs, ligne 12, colonne G (montant (€))". */
export function problemPlace(p: ImportProblemDto): string {
  return [
    p.file,
    p.sheet ? `feuille ${p.sheet}` : null,
    p.row !== undefined ? `ligne ${p.row}` : null,
    p.column ? `colonne ${p.column}` : null,
    p.path ? `chemin ${p.path}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
}

/** One sentence: "1 produit créé (2 versions, 48 garanties, 36 cellules de tarif)". */
export function reportSummary(r: ImportReportDto): string {
  if (r.products.length === 0) return 'Aucun produit dans le fichier.';
  const created = r.products.filter((p) => p.action === 'create').length;
  const versions = r.products.reduce((n, p) => n + p.versions.length, 0);
  const guarantees = r.products.reduce((n, p) => n + p.guarantees, 0);
  const cells = r.products.reduce((n, p) => n + p.tariffCells, 0);
  const parts = [
    created ? plural(created, 'produit créé', 'produits créés') : null,
    r.products.length - created ? plural(r.products.length - created, 'produit existant complété', 'produits existants complétés') : null,
  ].filter(Boolean);
  return `${parts.join(', ')} : ${plural(versions, 'version', 'versions')}, ${plural(guarantees, 'garantie', 'garanties')}, ${plural(cells, 'cellule de tarif', 'cellules de tarif')}.`;
}

function problemList(list: readonly ImportProblemDto[], className: string): HTMLElement {
  return h(
    'ol',
    { class: `import-problems ${className}` },
    ...list.map((p) => h('li', null, h('span', { class: 'problem-place', text: problemPlace(p) }), h('span', { class: 'problem-message', text: p.message }))),
  );
}

function reportBody(r: ImportReportDto): HTMLElement[] {
  const body: HTMLElement[] = [];
  if (r.problems.length) {
    const total = Math.max(r.problemCount ?? 0, r.problems.length);
    body.push(
      h(
        'div',
        { class: 'notice notice-error' },
        h('span', { class: 'notice-text', text: `${plural(total, 'problème', 'problèmes')}${total > r.problems.length ? ` (les ${r.problems.length.toLocaleString('fr-FR')} premiers listés)` : ''} : rien n’a été écrit.` }),
        h('span', { class: 'notice-hint', text: ' Corrigez le fichier aux endroits indiqués, puis importez-le de nouveau.' }),
      ),
      h('h3', { text: 'Problèmes' }),
      problemList(r.problems, 'problems-errors'),
    );
  } else body.push(h('div', { class: 'notice notice-ok' }, h('span', { class: 'notice-text', text: `Fichier valide. ${reportSummary(r)}` })));
  if (r.products.length) {
    body.push(
      h('h3', { text: 'Produits' }),
      h(
        'table',
        { class: 'simple import-products' },
        h('thead', null, h('tr', null, ...['Produit', 'Action', 'Versions', 'Garanties', 'Cellules de tarif', 'Documents', 'Règles'].map((t) => h('th', { scope: 'col', text: t })))),
        h(
          'tbody',
          null,
          ...r.products.map((p) =>
            h(
              'tr',
              null,
              h('td', null, h('strong', { text: p.name }), h('small', { class: 'muted', text: ` ${p.id}` })),
              h('td', { text: actionLabels[p.action] }),
              h('td', null, p.versions.join(', ') || '—', p.closed ? h('small', { class: 'muted block', text: `la version ${p.closed.version} se termine le ${formatDateFr(p.closed.effectiveTo)}` }) : null),
              h('td', { class: 'amount', text: p.guarantees.toLocaleString('fr-FR') }),
              h('td', { class: 'amount', text: p.tariffCells.toLocaleString('fr-FR') }),
              h('td', { class: 'amount', text: (p.documents ?? 0).toLocaleString('fr-FR') }),
              h('td', { class: 'amount', text: (p.rules ?? 0).toLocaleString('fr-FR') }),
            ),
          ),
        ),
      ),
    );
  }
  if (r.categoriesAdded.length) body.push(h('p', { text: `Catégories ajoutées à la taxonomie : ${r.categoriesAdded.join(', ')}.` }));
  if (r.warnings.length) body.push(h('h3', { text: 'Avertissements' }), problemList(r.warnings, 'problems-warnings'));
  return body;
}

/** A CSV tariff table goes into one product and one version: asked before the check. */
async function csvTarget(file: PickedFile, products: readonly ProductSummaryDto[]): Promise<ImportRequest['csv'] | null> {
  const product = select(products.map((p) => ({ value: p.id, label: p.name })));
  const version = h('input', { type: 'text', size: 14, placeholder: 'ex. 2027' });
  const from = h('input', { type: 'text', inputMode: 'numeric', size: 12, placeholder: 'JJ/MM/AAAA' });
  const label = h('input', { type: 'text', size: 30, placeholder: 'ex. Tarifs 2027' });
  const reference = h('input', { type: 'text', size: 24, placeholder: 'ex. avenant n°4' });
  const period = select([
    { value: 'mois', label: 'par mois' },
    { value: 'an', label: 'par an' },
  ]);
  const cited = documentSourceFields([]);
  return openDialog<NonNullable<ImportRequest['csv']>>({
    title: `Table de tarifs ${file.name}`,
    lead: 'Un fichier CSV de tarifs va dans un produit et une version : une version existante la complète, un nouveau code crée la version (date d’effet obligatoire).',
    className: 'dialog-wide dialog-csv',
    body: [
      field('Produit', product),
      h('div', { class: 'form-row' }, field('Version', version), field('Date d’effet (nouvelle version)', from, 'JJ/MM/AAAA'), field('Libellé (nouvelle version)', label), field('Référence (nouvelle version)', reference)),
      field('Période des montants', period),
      h(
        'fieldset',
        { class: 'source-form' },
        h('legend', { text: 'Source de la table' }),
        h('p', { class: 'hint', text: 'Seulement si le fichier n’a pas de colonnes de source ; laissez vide quand chaque ligne cite la sienne.' }),
        cited.element,
      ),
    ],
    submitLabel: 'Vérifier le fichier',
    submit: async (errors) => {
      const v = checkCode(version.value, 'Version');
      if (!v.ok) errors.set(version, v.message);
      const known = products.find((p) => p.id === product.value)?.versions.some((x) => v.ok && x.code === v.value) ?? false;
      let effectiveFrom: string | undefined;
      if (from.value.trim() || !known) {
        const d = parseDateFr(from.value, 'Date d’effet');
        if (!d.ok) errors.set(from, known ? d.message : `${d.message} Elle est obligatoire pour une nouvelle version.`);
        else effectiveFrom = d.iso;
      }
      const source = cited.empty() ? null : cited.read(errors);
      if (errors.count > 0 || !v.ok) return { ok: false };
      return {
        ok: true,
        value: {
          productId: product.value,
          version: v.value,
          ...(effectiveFrom ? { effectiveFrom } : {}),
          ...(label.value.trim() ? { label: label.value.trim() } : {}),
          ...(reference.value.trim() ? { reference: reference.value.trim() } : {}),
          period: period.value === 'an' ? 'an' : 'mois',
          ...(source ? { source } : {}),
        },
      };
    },
  });
}

/** « Importer… »: returns the report of the import written, or null (cancelled, refused). */
export async function importFlow(ctx: AppContext, status: HTMLElement, trigger: HTMLButtonElement): Promise<ImportReportDto | null> {
  const picked = await ask(() => ctx.api().pickImportFile());
  if (!picked.ok) {
    say(status, 'error', errorText(picked.error), 'Réessayez ; si l’erreur revient, relancez Grille.');
    return null;
  }
  const file = picked.value;
  if (file === null) return null;
  let csv: ImportRequest['csv'] | undefined;
  if (file.format === 'csv') {
    const list = await ctx.catalogue.products();
    const target = await csvTarget(file, list.ok ? list.value : []);
    if (!target) return null;
    csv = target;
  }
  say(status, 'info', `Vérification de ${file.name}…`);
  trigger.disabled = true;
  const dry = await ask(() => ctx.api().importCatalogue({ token: file.token, dryRun: true, ...(csv ? { csv } : {}) })).finally(() => {
    trigger.disabled = false;
  });
  if (!dry.ok) {
    if (dry.error.code === 'CANCELLED') say(status, 'info', 'Vérification annulée : rien n’a été écrit.');
    else say(status, 'error', `${file.name} : ${errorText(dry.error)}`, 'Rien n’a été écrit. Vérifiez que le fichier est un paquet ou un classeur exporté par Grille, puis réessayez.');
    return null;
  }
  replace(status);
  const report = dry.value;
  const ok = report.problems.length === 0;
  const comment = commentField('Pourquoi cet import (facultatif) : ex. catalogue du courtier reçu le 12/01');
  const written = await openDialog<ImportReportDto>({
    title: ok ? `Importer ${file.name} ?` : `${file.name} ne peut pas être importé`,
    lead: ok ? 'Vérification faite : voici ce que l’import ajoutera au catalogue. Une sauvegarde est faite avant d’écrire.' : undefined,
    className: 'dialog-wide dialog-import',
    body: [...reportBody(report), ...(ok ? [comment.element] : [])],
    submitLabel: ok ? 'Importer' : null,
    busyLabel: 'Import…',
    cancelLabel: ok ? 'Annuler' : 'Fermer',
    submit: async (errors) => {
      const note = comment.read(errors);
      if (note === null) return { ok: false };
      const r = await ask(() => ctx.api().importCatalogue({ token: file.token, dryRun: false, comment: note || null, ...(csv ? { csv } : {}) }));
      if (!r.ok) return r.error.code === 'CANCELLED' ? { ok: false, message: 'Import annulé : rien n’a été écrit.' } : { ok: false, message: errorText(r.error), hint: editHint(r.error.code) };
      if (r.value.problems.length || !r.value.written) return { ok: false, message: `Rien n’a été écrit : ${r.value.problems.map((p) => `${problemPlace(p)} : ${p.message}`).join(' ; ') || 'le fichier n’apporte rien de nouveau.'}` };
      return { ok: true, value: r.value };
    },
  });
  if (!written) {
    if (!ok) say(status, 'error', `${file.name} : ${plural(Math.max(report.problemCount ?? 0, report.problems.length), 'problème', 'problèmes')}, rien n’a été écrit.`, 'Corrigez le fichier, puis importez-le de nouveau.');
    return null;
  }
  ctx.catalogue.invalidate();
  const text = `Import de ${file.name} enregistré. ${reportSummary(written)}`;
  // the notice stays in the view (with the backup's name): no passing confirmation besides it
  say(status, 'ok', text, written.backup ? `Sauvegarde du catalogue faite avant l’import : ${written.backup}.` : undefined);
  return written;
}

/** « Exporter le catalogue… »: format and products, then the save dialog of the main process. */
export async function exportFlow(ctx: AppContext, status: HTMLElement, products: readonly ProductSummaryDto[], chosen: readonly string[]): Promise<void> {
  if (products.length === 0) {
    say(status, 'empty', 'Le catalogue est vide : rien à exporter.');
    return;
  }
  const formats = (['xlsx', 'json'] as const).map((f) => h('input', { type: 'radio', name: 'export-format', value: f, checked: f === 'xlsx', id: `export-format-${f}` }));
  const all = h('input', { type: 'radio', name: 'export-scope', value: 'all', checked: chosen.length === 0, id: 'export-tout' });
  const some = h('input', { type: 'radio', name: 'export-scope', value: 'some', checked: chosen.length > 0, id: 'export-choix' });
  const boxes = [...products].sort((a, b) => a.name.localeCompare(b.name, 'fr')).map((p) => ({ id: p.id, box: checkbox(p.name, chosen.includes(p.id), { dataset: { product: p.id } }) }));
  const list = h('div', { class: 'export-products' }, ...boxes.map((b) => b.box.wrap));
  const sync = () => {
    list.hidden = !some.checked;
  };
  all.addEventListener('change', sync);
  some.addEventListener('change', sync);
  sync();
  const scope = h(
    'fieldset',
    { class: 'export-scope' },
    h('legend', { text: 'Produits' }),
    h('label', { class: 'check', htmlFor: all.id }, all, ` Tout le catalogue (${products.length} produits)`),
    h('label', { class: 'check', htmlFor: some.id }, some, ' Les produits choisis'),
    list,
  );
  const answer = await openDialog<{ path: string | null; format: 'xlsx' | 'json' }>({
    title: 'Exporter le catalogue',
    lead: 'Le fichier exporté se réimporte dans Grille (sur un autre poste, ou après correction dans Excel).',
    className: 'dialog-export',
    body: [
      h(
        'fieldset',
        { class: 'export-format' },
        h('legend', { text: 'Format' }),
        h('label', { class: 'check', htmlFor: formats[0]!.id }, formats[0]!, ' Classeur Excel (.xlsx) — à relire ou corriger dans Excel'),
        h('label', { class: 'check', htmlFor: formats[1]!.id }, formats[1]!, ' Paquet JSON (.json) — la copie exacte, pour un autre poste'),
      ),
      scope,
    ],
    submitLabel: 'Exporter…',
    busyLabel: 'Export…',
    submit: async (errors) => {
      const ids = all.checked ? products.map((p) => p.id) : boxes.filter((b) => b.box.input.checked).map((b) => b.id);
      if (ids.length === 0) {
        errors.set(scope, 'Produits : cochez au moins un produit, ou choisissez « Tout le catalogue ».');
        return { ok: false };
      }
      const format = formats[1]!.checked ? 'json' : 'xlsx';
      const r = await ask(() => ctx.api().exportCatalogue({ productIds: ids, format }));
      if (!r.ok) return { ok: false, message: errorText(r.error), hint: 'Vérifiez que le fichier n’est pas ouvert dans Excel, puis relancez l’export.' };
      return { ok: true, value: { path: r.value.path, format } };
    },
  });
  if (!answer) return;
  sayExported(status, { ok: true, value: { path: answer.path } }, answer.format === 'json' ? 'Paquet JSON' : 'Classeur');
}
