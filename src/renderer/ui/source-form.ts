/**
 * The source of an edited value, asked by every editing dialog: keep the current one (edits only),
 * cite a document (document, article / section, lines or pages, quote — all required), or none (the
 * value is then flagged « sans source » everywhere it is shown). And the free comment of the audit trail.
 */
import type { SourceChoice } from '../../shared/api';
import type { Source } from '../../shared/core/catalogue-schema';
import type { FieldErrors } from './dialog';
import { textArea } from './dialog';
import { field, h, uid } from './dom';
import { checkDocumentSource, isUnsourced, type DocumentFields } from './edit-values';

export interface SourceFormOptions {
  /** the value's source now: « Garder la source actuelle » is offered when given */
  current?: Source | null;
  /** the product's documents, proposed in the Document field */
  documents?: readonly { file: string; title: string }[];
  /** the choice selected first (default: keep for an edit, document otherwise) */
  initial?: SourceChoice['mode'];
}

export interface SourceForm {
  element: HTMLFieldSetElement;
  /** the choice, or null when a field is missing (its message is shown next to it) */
  read(errors: FieldErrors): SourceChoice | null;
}

function currentText(s: Source): string {
  if (isUnsourced(s)) return 'actuellement sans source : la valeur reste signalée';
  return `${s.file} · ${s.section} · l. ${s.lines[0]}–${s.lines[1]}`;
}

export function sourceForm(options: SourceFormOptions = {}): SourceForm {
  const name = uid('source-mode');
  const current = options.current ?? null;
  const modes: { mode: SourceChoice['mode']; label: string; hint?: string }[] = [
    ...(current ? [{ mode: 'keep' as const, label: 'Garder la source actuelle', hint: currentText(current) }] : []),
    { mode: 'document', label: 'Citer un document' },
    { mode: 'none', label: 'Sans source (la valeur sera signalée)', hint: 'La valeur sera marquée « sans source » dans les grilles, à vérifier.' },
  ];
  const initial = options.initial && modes.some((m) => m.mode === options.initial) ? options.initial : modes[0]!.mode;
  const radios = new Map<SourceChoice['mode'], HTMLInputElement>();
  const choices = modes.map((m) => {
    const input = h('input', { type: 'radio', name, value: m.mode, checked: m.mode === initial, id: uid('source-choix') });
    radios.set(m.mode, input);
    const hint = m.hint ? h('small', { class: 'hint', id: uid('aide'), text: m.hint }) : null;
    if (hint) input.setAttribute('aria-describedby', hint.id);
    return h('div', { class: 'source-choice' }, h('label', { class: 'check', htmlFor: input.id }, input, ` ${m.label}`), hint);
  });

  const cited = documentSourceFields(options.documents ?? []);
  const documentFields = cited.element;
  const sync = () => {
    documentFields.hidden = !radios.get('document')!.checked;
  };
  for (const r of radios.values()) r.addEventListener('change', sync);
  sync();

  const element = h('fieldset', { class: 'source-form' }, h('legend', { text: 'Source de la valeur' }), ...choices, documentFields);

  return {
    element,
    read(errors) {
      const mode = [...radios].find(([, r]) => r.checked)?.[0];
      if (!mode) {
        errors.set(element, 'Source de la valeur : choisissez une des possibilités.');
        return null;
      }
      if (mode === 'keep') return { mode: 'keep' };
      if (mode === 'none') return { mode: 'none' };
      const read = cited.read(errors);
      return read ? { mode: 'document', ...read } : null;
    },
  };
}

export type CitedDocument = Omit<Extract<SourceChoice, { mode: 'document' }>, 'mode'>;

/** The fields of a cited document: Document, Article / section, Lignes ou pages de … à …, Citation. */
export function documentSourceFields(documents: readonly { file: string; title: string }[]): { element: HTMLElement; empty(): boolean; read(errors: FieldErrors): CitedDocument | null } {
  const listId = uid('documents');
  const file = h('input', { type: 'text', attrs: { list: listId, autocomplete: 'off' }, placeholder: 'ex. avenant-2027.pdf' });
  const datalist = h('datalist', { id: listId }, ...documents.map((d) => h('option', { value: d.file, label: d.title })));
  const section = h('input', { type: 'text', placeholder: 'ex. art. 3.1 Aide à domicile' });
  const from = h('input', { type: 'text', inputMode: 'numeric', size: 6, attrs: { 'aria-label': 'Lignes ou pages : de' } });
  const to = h('input', { type: 'text', inputMode: 'numeric', size: 6, attrs: { 'aria-label': 'Lignes ou pages : à' } });
  const quote = textArea({ rows: 3, placeholder: 'La phrase du document qui donne la valeur, recopiée telle quelle' });
  from.id = uid('ligne-de');
  to.id = uid('ligne-a');
  const linesLabel = h('span', { class: 'field-label', id: uid('lignes'), text: 'Lignes ou pages' });
  const lines = h(
    'div',
    { class: 'field lines', attrs: { role: 'group', 'aria-labelledby': linesLabel.id } },
    linesLabel,
    h('div', { class: 'lines-row' }, h('label', { htmlFor: from.id, text: 'de' }), from, h('label', { htmlFor: to.id, text: 'à' }), to),
  );
  const element = h(
    'div',
    { class: 'source-document' },
    field('Document', file, documents.length ? 'Un document du produit (liste) ou le nom d’un autre fichier.' : 'Le nom du fichier ou le titre du document.'),
    datalist,
    field('Article / section', section),
    lines,
    field('Citation', quote, 'La phrase qui donne la valeur : chaque nombre saisi doit s’y lire. 600 caractères au plus.'),
  );
  const controls: Record<keyof DocumentFields, HTMLInputElement | HTMLTextAreaElement> = { file, section, from, to, quote };
  return {
    element,
    empty: () => Object.values(controls).every((c) => c.value.trim() === ''),
    read(errors) {
      const fields: DocumentFields = { file: file.value, section: section.value, from: from.value, to: to.value, quote: quote.value };
      const checked = checkDocumentSource(fields);
      if (checked.ok && checked.value.mode === 'document') {
        const { mode: _mode, ...rest } = checked.value;
        return rest;
      }
      if (!checked.ok) for (const e of checked.errors) if (e.field !== 'mode') errors.set(controls[e.field], e.message);
      return null;
    },
  };
}

const COMMENT_MAX = 1000;

/** The free comment kept with the change in the history. */
export function commentField(placeholder = 'Pourquoi ce changement (facultatif) : ex. avenant reçu le 12/01'): { element: HTMLElement; value(): string; read(errors: FieldErrors): string | null } {
  const input = textArea({ rows: 2, placeholder });
  return {
    element: field('Commentaire', input, 'Gardé dans l’historique du produit.'),
    value: () => input.value.trim(),
    read(errors) {
      const t = input.value.trim();
      if (t.length <= COMMENT_MAX) return t;
      errors.set(input, `Commentaire : ${COMMENT_MAX} caractères au plus (${t.length} saisis).`);
      return null;
    },
  };
}
