/**
 * Copies a table so that it pastes into Excel. The copy event carries both text/plain (TSV) and
 * text/html; it needs no clipboard permission (the desktop shell denies permission requests), only
 * the click of the person. When the browser refuses, the text is shown selected for Ctrl+C.
 */
import { toHtmlTable, toTsv } from './table-text';

export type CopyOutcome = 'copied' | 'manual';

export function copyTable(rows: readonly (readonly string[])[], fallbackSlot: HTMLElement): CopyOutcome {
  const tsv = toTsv(rows);
  const html = toHtmlTable(rows);
  let written = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', tsv);
    event.clipboardData.setData('text/html', html);
    event.preventDefault();
    written = true;
  };
  document.addEventListener('copy', onCopy);
  try {
    // execCommand is deprecated but is the one synchronous, permission-free path in Chromium
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
  if (written) return 'copied';
  const area = document.createElement('textarea');
  area.className = 'copy-fallback';
  area.readOnly = true;
  area.value = tsv;
  area.setAttribute('aria-label', 'Tableau à copier (Ctrl+C)');
  fallbackSlot.replaceChildren(area);
  area.focus();
  area.select();
  return 'manual';
}
