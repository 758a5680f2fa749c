/**
 * The rules as a user reads them: « règle n : <texte> », the same words as docs/RULINGS.md, which numbers them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_NUMBERS, rulingText } from '../../src/shared/core/rulings';

const doc = readFileSync(join(process.cwd(), 'docs', 'RULINGS.md'), 'utf8');

describe('rulingText', () => {
  it('says « règle n : » then the rule, never where the rule was first written down', () => {
    expect(rulingText(3)).toMatch(/^règle 3 : Intériale, « Gratuité pour le 3ème enfant » : les enfants à partir du 3e sont gratuits/);
    for (const n of RULE_NUMBERS) expect(rulingText(n)).not.toMatch(/décision|DOMAIN|\.md/);
  });

  it('gives, for each of the eight rules, the text docs/RULINGS.md gives under its heading', () => {
    expect(RULE_NUMBERS).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const headings = [...doc.matchAll(/^## Règle (\d) — /gm)].map((m) => Number(m[1]));
    expect(headings).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const n of RULE_NUMBERS) {
      const section = doc.split(/^## /m).find((s) => s.startsWith(`Règle ${n} — `));
      expect(section, `règle ${n}`).toContain(`\n« ${rulingText(n)} »\n`);
    }
  });
});
