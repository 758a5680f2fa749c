/**
 * The dated regulatory parameters against the source texts: every value marked "verified" has a quote that
 * stands in its seed at the lines given and shows the value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQuote, quoteShowsNumber } from '../../src/shared/core/provenance';
import { loadParameterFiles } from '../../src/main/reimbursement/params-loader';
import { findSeedsDir } from '../../src/main/catalogue/provenance-check';

const loaded = loadParameterFiles(join(process.cwd(), 'data'));

describe('data/parameters', () => {
  const verified = loaded.files.flatMap((f) => f.parameters.flatMap((p) => p.values.filter((v) => v.verified).map((v) => ({ p, v }))));

  it('finds every verified value’s quote in its seed, showing the value', () => {
    const seeds = findSeedsDir();
    // reads the seeds like the catalogue's provenance test: fails, saying where to put them, when absent
    if (!seeds.dir) throw new Error(seeds.message);
    const seedsDir = seeds.dir;
    const problems: string[] = [];
    for (const { p, v } of verified) {
      const text = readFileSync(join(seedsDir, v.seed!.file), 'utf8');
      const q = checkQuote(text, v.seed!);
      if (q) problems.push(`${p.key}: ${q.message}`);
      if (p.unit === 'flag' || v.derived) continue;
      const shown = p.unit === 'cents' ? v.value / 100 : v.value;
      if (!quoteShowsNumber(v.seed!.quote, shown)) problems.push(`${p.key}: ${shown} absent de la citation « ${v.seed!.quote} »`);
    }
    expect(problems).toEqual([]);
  });
});
