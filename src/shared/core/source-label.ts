/**
 * The pseudo-documents of values that stand in no document, and how a source's file is written for
 * people. A value keyed in from the desktop without a document carries a source whose file is
 * `UNSOURCED_FILE`; every place that prints a source's file (exported workbooks, the CLI) goes through
 * `sourceFileText`, so such a value reads « sans source » everywhere. Pure.
 */

/** The source file of values a user keyed in without a document: shown as « sans source » everywhere. */
export const UNSOURCED_FILE = 'grille:saisie';

/** How such a source's file is written in workbooks and listings (and read back by the Excel import). */
export const UNSOURCED_TEXT = 'sans source';

export function isUnsourcedFile(file: string): boolean {
  return file === UNSOURCED_FILE;
}

/** The file of a source as people read it: « sans source » for a value keyed in without a document. */
export function sourceFileText(file: string): string {
  return isUnsourcedFile(file) ? UNSOURCED_TEXT : file;
}

/** The reverse of `sourceFileText`, for a file name read from a workbook cell. */
export function sourceFileFromText(text: string): string {
  return text.trim().toLowerCase() === UNSOURCED_TEXT ? UNSOURCED_FILE : text;
}
