import { describe, expect, it } from 'vitest';
import { toHtmlTable, toTsv, tsvField } from '../../src/renderer/ui/table-text';

describe('copy of a visible grid (renderer)', () => {
  it('writes tab-separated lines that Excel reads, quoting only what must be', () => {
    expect(toTsv([['Garantie', 'MIE'], ['Aide à domicile', '15 h sur 2 semaines']])).toBe('Garantie\tMIE\r\nAide à domicile\t15 h sur 2 semaines\r\n');
    expect(tsvField('a\tb')).toBe('"a\tb"');
    expect(tsvField('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(tsvField('dit « 30 h » ou "30 h"')).toBe('"dit « 30 h » ou ""30 h"""');
    expect(tsvField('25,14 €')).toBe('25,14 €');
  });

  it('writes the same table as HTML for rich pastes, with text escaped', () => {
    expect(toHtmlTable([['A', 'B'], ['<b>x</b>', 'l1\nl2']])).toBe('<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>&lt;b&gt;x&lt;/b&gt;</td><td>l1<br>l2</td></tr></tbody></table>');
  });
});
