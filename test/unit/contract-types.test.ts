/**
 * The IPC contract typed on both sides: what each payload schema parses to is exactly the DTO that
 * src/shared/api.ts declares, field for field. A schema's `satisfies z.ZodType<Dto>` only says its
 * output fits the DTO (an extra optional field, or one left out, still fits); these assertions say the
 * two are the same type.
 *
 * They are checked when this file is compiled: `npm run typecheck` covers test/ (tsconfig.json), and a
 * schema and its DTO that differ in one field stop it with the path of the field. At run time the
 * assertions do nothing.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { CitedDocumentDto, GrilleApi, SourceChoice } from '../../src/shared/api';
import type { ArgsOf } from '../../src/main/ipc-handler';
import type { handlers } from '../../src/main/ipc-handlers';
import type { citedDocument, sourceChoice } from '../../src/main/services/edits/payload';
import type { EditKindName, EditOf } from '../../src/main/services/edits/kind';
import type { editKinds } from '../../src/main/services/edits/registry';

type Method = keyof GrilleApi;
type Handlers = typeof handlers;
type Kinds = typeof editKinds;

describe('the contract, typed on both sides', () => {
  it('each method’s payload schema parses to exactly the arguments GrilleApi declares', () => {
    // one object over every method: a method added to GrilleApi is covered without a line here
    expectTypeOf<{ [K in Method]: z.output<Handlers[K]['args']> }>().toEqualTypeOf<{ [K in Method]: ArgsOf<K> }>();
  });

  it('what the renderer sends is what each schema reads', () => {
    expectTypeOf<{ [K in Method]: ArgsOf<K> }>().toExtend<{ [K in Method]: z.input<Handlers[K]['args']> }>();
  });

  it('each kind of desktop edit parses to exactly its member of CatalogueEdit', () => {
    expectTypeOf<{ [K in EditKindName]: z.output<Kinds[K]['payload']> }>().toEqualTypeOf<{ [K in EditKindName]: EditOf<K> }>();
    // one by one too: across the union of kinds the mismatch reads poorly, here it names the field
    expectTypeOf<z.output<Kinds['guarantee']['payload']>>().toEqualTypeOf<EditOf<'guarantee'>>();
    expectTypeOf<z.output<Kinds['tariffCell']['payload']>>().toEqualTypeOf<EditOf<'tariffCell'>>();
    expectTypeOf<z.output<Kinds['addGuarantee']['payload']>>().toEqualTypeOf<EditOf<'addGuarantee'>>();
    expectTypeOf<z.output<Kinds['formulaLabel']['payload']>>().toEqualTypeOf<EditOf<'formulaLabel'>>();
    expectTypeOf<z.output<Kinds['addFormula']['payload']>>().toEqualTypeOf<EditOf<'addFormula'>>();
    expectTypeOf<z.output<Kinds['addVersion']['payload']>>().toEqualTypeOf<EditOf<'addVersion'>>();
    expectTypeOf<z.output<Kinds['addProduct']['payload']>>().toEqualTypeOf<EditOf<'addProduct'>>();
  });

  it('the shared pieces of the edit requests are their DTOs', () => {
    expectTypeOf<z.output<typeof sourceChoice>>().toEqualTypeOf<SourceChoice>();
    expectTypeOf<z.output<typeof citedDocument>>().toEqualTypeOf<CitedDocumentDto>();
  });

  it('tells a schema from its DTO by one field (the assertions above can fail)', () => {
    type Dto = { productId: string; at?: string | null };
    // @ts-expect-error an optional field more on one side is a difference
    expectTypeOf<{ productId: string; at?: string | null; extra?: string }>().toEqualTypeOf<Dto>();
    // @ts-expect-error an optional field left out is a difference
    expectTypeOf<{ productId: string }>().toEqualTypeOf<Dto>();
    // @ts-expect-error null allowed on one side only is a difference
    expectTypeOf<{ productId: string; at?: string }>().toEqualTypeOf<Dto>();
  });
});
