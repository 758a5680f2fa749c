/**
 * A visible table as text for the clipboard: tab-separated values (what Excel and LibreOffice read
 * from a paste) and an HTML table beside it for rich pastes. Pure: no DOM.
 */

/** One TSV field: a tab, line break or quote forces Excel's quoting ("…", quotes doubled). */
export function tsvField(value: string): string {
  return /[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(tsvField).join('\t')).join('\r\n') + '\r\n';
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The first row is the header. */
export function toHtmlTable(rows: readonly (readonly string[])[]): string {
  const [head, ...body] = rows;
  const tr = (cells: readonly string[], tag: 'th' | 'td') => `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c).replace(/\r?\n/g, '<br>')}</${tag}>`).join('')}</tr>`;
  return `<table>${head ? `<thead>${tr(head, 'th')}</thead>` : ''}<tbody>${body.map((r) => tr(r, 'td')).join('')}</tbody></table>`;
}
