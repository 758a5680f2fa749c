/**
 * Property test: valid JSON packages and CSV tables mutated at random (structure and bytes) never
 * crash the import: each gives either a valid import or a refusal listing its problems, and on a
 * refusal nothing was written (not one row changed on the connection).
 */
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productFileSchema } from '../../src/shared/core/catalogue-schema';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { getProduct } from '../../src/main/store/reader';
import { importBytes, type ImportResult } from '../../src/main/transfer/import';
import { ImportRejected } from '../../src/main/transfer/problems';
import { essaiPackage } from '../fixtures/make-malformed';
import { TABLE_SOURCE, freshDb } from './helpers';

const JSON_RUNS = 700;
const CSV_RUNS = 500;

let template: string;
let cat: Catalogue;
let dirty = false;
let copies = 0;
/** both outcomes must occur, or the generators explore only one side */
const outcomes = { accepted: 0, refused: 0 };

async function reopen(): Promise<void> {
  cat?.close();
  const file = join(dirname(template), `fuzz-${copies++}.sqlite`);
  copyFileSync(template, file);
  cat = await openCatalogue(file);
  dirty = false;
}

beforeAll(async () => {
  template = await freshDb();
  await reopen();
});
afterAll(() => cat?.close());

const changes = () => (cat.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

/** One import of a mutated file: a refusal changes nothing; an acceptance leaves valid products. */
async function check(bytes: Buffer, name: string, options: Parameters<typeof importBytes>[3] = {}): Promise<void> {
  if (dirty) await reopen();
  const before = changes();
  let result: ImportResult;
  try {
    result = await importBytes(cat, bytes, name, { backup: false, ...options });
  } catch (e) {
    if (!(e instanceof ImportRejected)) throw e; // anything else is a crash
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      expect(p.file).toBe(name);
      expect(p.message.length).toBeGreaterThan(0);
    }
    expect(changes()).toBe(before);
    outcomes.refused++;
    return;
  }
  outcomes.accepted++;
  if (!result.written) {
    expect(changes()).toBe(before);
    return;
  }
  dirty = true;
  for (const p of result.products) {
    expect(productFileSchema.safeParse(getProduct(cat.db, p.id)).success).toBe(true);
  }
  expect(cat.db.pragma('foreign_key_check')).toEqual([]);
}

// ---- JSON packages: structural mutations at random paths, and byte-level edits of the text

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function nodes(value: Json, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodes(v, [...path, k], out);
  return out;
}

const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom<Json>('', '*', '=1+1', '-1', '2026-02-30', '2027-01-01', 'platine', '2026', 'securite', 'enfant', 'x'.repeat(700), -1, 0, 1e12, 2 ** 53, [], {}, ['*'], [1, 1]),
);

const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('set', 'delete', 'duplicate', 'remove', 'rename'),
  value: oddValue,
});

function mutate(doc: Json, m: { at: number; op: string; value: Json }): void {
  const all = nodes(doc).filter((p) => p.length > 0);
  const path = all[m.at % all.length]!;
  const parent = path.slice(0, -1).reduce<Json>((o, k) => (o as Record<string, Json>)[k as string] as Json, doc) as Record<string, Json> | Json[];
  const key = path.at(-1)!;
  if (Array.isArray(parent)) {
    const i = key as number;
    if (m.op === 'delete' || m.op === 'remove') parent.splice(i, 1);
    else if (m.op === 'duplicate') parent.splice(i, 0, structuredClone(parent[i]!));
    else parent[i] = m.value;
  } else {
    const k = key as string;
    if (m.op === 'delete' || m.op === 'remove') delete parent[k];
    else if (m.op === 'rename') {
      parent[`${k}_`] = parent[k]!;
      delete parent[k];
    } else if (m.op === 'duplicate') parent[k] = structuredClone(parent[k]!);
    else parent[k] = m.value;
  }
}

const textEdit = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('insert', 'delete', 'replace', 'truncate'),
  text: fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '\\', 'é', '\u0000', '\ufeff', '9', '-', ' ', '\n'),
});

function editText(text: string, e: { at: number; op: string; text: string }): string {
  const i = e.at % (text.length + 1);
  if (e.op === 'insert') return text.slice(0, i) + e.text + text.slice(i);
  if (e.op === 'delete') return text.slice(0, i) + text.slice(i + 1);
  if (e.op === 'truncate') return text.slice(0, i);
  return text.slice(0, i) + e.text + text.slice(i + 1);
}

const BASE = essaiPackage() as unknown as Json;

describe('random mutations of valid files', () => {
  it(`JSON packages (${JSON_RUNS} cases): no crash, a valid import or a refusal, nothing written on a refusal`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 0, maxLength: 3 }), fc.array(textEdit, { maxLength: 2 }), async (mutations, edits) => {
        const doc = structuredClone(BASE);
        for (const m of mutations) mutate(doc, m);
        let text = JSON.stringify(doc, null, 2);
        for (const e of edits) text = editText(text, e);
        await check(Buffer.from(text, 'utf8'), 'fuzz.json');
      }),
      { numRuns: JSON_RUNS },
    );
    expect(outcomes.accepted).toBeGreaterThan(JSON_RUNS / 20);
    expect(outcomes.refused).toBeGreaterThan(JSON_RUNS / 20);
    process.stdout.write(`JSON : ${outcomes.accepted} acceptés, ${outcomes.refused} refusés\n`);
    outcomes.accepted = outcomes.refused = 0;
  }, 300_000);

  // ---- CSV tables: fields from a mix of valid and invalid values, then byte edits (invalid UTF-8 included)
  const field = fc.oneof(
    fc.constantFrom('securite', 'essentielle', 'renforcee', 'platine', 'jeune-actif', 'actif', 'enfant', 'retraite', 'senior', '26,50', '26.5', '-3', '1e3', '', '"', '"a;b"', '=1+1', 'mois', 'an', 'semaine', '100000000'),
    fc.string({ maxLength: 12 }),
  );
  // mostly well-formed lines (formule;segment;montant), so that valid imports occur too
  const goodRow = fc.tuple(fc.constantFrom('securite', 'essentielle', 'renforcee'), fc.constantFrom('jeune-actif', 'actif', 'enfant', 'retraite'), fc.constantFrom('26,50', '40', '118,20', '0'));
  const row = fc.oneof({ weight: 4, arbitrary: goodRow as fc.Arbitrary<string[]> }, { weight: 1, arbitrary: fc.array(field, { minLength: 2, maxLength: 5 }) });
  const header = fc.oneof(
    { weight: 4, arbitrary: fc.constant('formule;segment;montant') },
    { weight: 1, arbitrary: fc.constantFrom('formule;segment;montant;période', 'formule;segment;zone;montant', 'formule,segment,montant', 'segment;montant', 'formule;segment;montant;prix', '\ufeffformule;segment;montant') },
  );
  const byteEdit = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), op: fc.constantFrom('insert', 'replace', 'truncate') });

  it(`CSV tables (${CSV_RUNS} cases): no crash, a valid import or a refusal, nothing written on a refusal`, async () => {
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.array(row, { maxLength: 4 }),
        fc.oneof(fc.constant([]), fc.array(byteEdit, { minLength: 1, maxLength: 2 })),
        fc.constantFrom('2026', '2027', '2099'),
        fc.boolean(),
        async (head, rows, edits, version, withSource) => {
          const sep = head.includes(',') ? ',' : ';';
          let bytes = Buffer.from(`${head}\n${rows.map((r) => r.join(sep)).join('\n')}\n`, 'utf8');
          for (const e of edits) {
            const i = e.at % (bytes.length + 1);
            if (e.op === 'insert') bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([e.byte]), bytes.subarray(i)]);
            else if (e.op === 'truncate') bytes = bytes.subarray(0, i);
            else if (i < bytes.length) bytes[i] = e.byte;
          }
          await check(bytes, 'fuzz.csv', {
            csv: { productId: 'interiale-cdg-sante', version, effectiveFrom: version === '2026' ? undefined : `${version}-01-01`, source: withSource ? TABLE_SOURCE : undefined },
          });
        },
      ),
      { numRuns: CSV_RUNS },
    );
    expect(outcomes.accepted).toBeGreaterThan(CSV_RUNS / 50);
    expect(outcomes.refused).toBeGreaterThan(CSV_RUNS / 20);
    process.stdout.write(`CSV : ${outcomes.accepted} acceptés, ${outcomes.refused} refusés\n`);
  }, 300_000);
});
