/**
 * The desktop shows a refused simulation as the service says it: the thing (« la base de remboursement »), never
 * a command-line flag; the CLI says the same refusal with its flag, from the error's field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Services } from '../../src/main/ipc-handlers';
import { reimburse } from '../../src/main/reimbursement/service';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import type { ReimburseRequest } from '../../src/shared/api';
import { InputError } from '../../src/shared/input-error';
import { nodeJobs } from '../fixtures/jobs';
import { grille, tempDb } from '../cli/run';

let cat: Catalogue;
let services: Services;
beforeAll(async () => {
  cat = await openCatalogue(':memory:');
  const catalogue = async () => cat;
  services = { catalogue, saveAs: async () => { throw new Error('no file here'); }, today: () => '2024-01-01', jobs: nodeJobs(catalogue) };
});
afterAll(() => cat.close());

const GLASSES: ReimburseRequest = { offers: [{ productId: 'assurbp-sante-pro', formula: 'F2' }], basket: 'lunettes', priceCents: 35600, brCents: 500, date: '2024-01-01' };
const RADIOLOGY: ReimburseRequest = { offers: [{ productId: 'assurbp-sante-pro', formula: 'F2' }], act: 'radiologie', priceCents: 5500, date: '2024-01-01' };

async function refusal(request: ReimburseRequest): Promise<string> {
  const r = await dispatch(services, 'reimburse', [request]);
  if (r.ok) throw new Error('expected a refusal');
  expect(r.error.code).toBe('INVALID_INPUT');
  return r.error.message;
}

describe('a refused simulation on the desktop names the thing, not a flag', () => {
  it('a BR on a basket of several acts: « la base de remboursement ne s’applique pas… »', async () => {
    const message = await refusal(GLASSES);
    expect(message).toMatch(/^la base de remboursement ne s'applique pas au panier « lunettes » \(plusieurs actes/);
    expect(message).not.toMatch(/--[a-z]/);
  });

  it('an act whose BR depends on OPTAM, without saying it', async () => {
    const message = await refusal(RADIOLOGY);
    expect(message).toMatch(/précisez si le médecin adhère à l'OPTAM\/OPTAM-CO$/);
    expect(message).not.toMatch(/--[a-z]/);
  });

  it('the service of the CLI’s words refuses a price by naming « le prix », with its field', () => {
    let caught: unknown;
    try {
      reimburse(cat, { offers: ['assurbp-sante-pro'], act: 'couronne', price: 'douze' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).field).toBe('price');
    expect((caught as InputError).message).toBe('le prix « douze » : montant en euros positif attendu (ex. 55 ou 56,50)');
  });
});

describe('the same refusals through the CLI name the flag', () => {
  let db: string;
  beforeAll(() => {
    db = tempDb();
  });

  it.each([
    [['assurbp-sante-pro:F2', '--basket', 'lunettes', '--price', '356', '--br', '5', '--date', '2024-01-01'], /^grille: --br ne s'applique pas au panier « lunettes »/],
    [['assurbp-sante-pro:F2', '--act', 'radiologie', '--price', '55', '--date', '2024-01-01'], /^grille: .*précisez si le médecin adhère à l'OPTAM\/OPTAM-CO \(--optam yes\|no\)$/m],
    [['assurbp-sante-pro', '--act', 'couronne', '--price', 'douze'], /^grille: --price « douze » : montant en euros positif attendu/],
  ])('%j', (args, message) => {
    const r = grille(['reimburse', ...args, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });
});
