import { beforeAll, describe, expect, it } from 'vitest';
import { grille, tempDb } from './run';

let db: string;
beforeAll(() => {
  db = tempDb();
  expect(grille(['catalogue', 'list', '--db', db]).code).toBe(0);
});

interface Sim {
  simulation: {
    date: string;
    securiteSociale: { brCents: number; grossCents: number; netCents: number; participationForfaitaireCents: number; ticketModerateurCents: number };
    offers: { productId: string; formula: { code: string }; status: string; guaranteeCents: number | null; complementaryCents: number | null; resteAChargeCents: number | null; steps: string[] }[];
    parameters: { key: string; verified: boolean }[];
    hypotheses: { text: string }[];
  };
}

const sim = (args: string[]) => {
  const r = grille(['reimburse', ...args, '--db', db, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as Sim).simulation;
};

describe('grille reimburse --list', () => {
  it('lists the acts and baskets with code and French label', () => {
    const r = grille(['reimburse', '--list', '--db', db]);
    expect(r.code).toBe(0);
    for (const code of ['consultation-specialiste', 'radiologie', 'couronne', 'aide-auditive', 'lunettes', 'hospitalisation-chambre-particuliere', 'medicament-ph7']) expect(r.stdout).toContain(code);
    expect(r.stdout).toContain('Chambre particulière');
  });

  it('--json gives acts and baskets', () => {
    const r = grille(['reimburse', '--list', '--json', '--db', db]);
    const out = JSON.parse(r.stdout) as { acts: { code: string; label: string }[]; baskets: { code: string; label: string; acts: string[] }[] };
    expect(out.acts.find((a) => a.code === 'radiologie')!.label).toMatch(/radiologie/);
    expect(out.baskets.find((b) => b.code === 'lunettes')!.acts).toEqual(['monture', 'verre-simple']);
  });
});

describe('grille reimburse', () => {
  it('simulates the notice’s radiology example on every Assur-BP formula (seed 004 l. 4266-4345)', () => {
    const s = sim(['assurbp-sante-pro', '--act', 'radiologie', '--price', '55', '--br', '27,50', '--optam', 'yes', '--date', '2024-01-01']);
    expect(s.securiteSociale).toMatchObject({ brCents: 2750, grossCents: 1925, netCents: 1825, participationForfaitaireCents: 100 });
    expect(s.offers.map((o) => o.formula.code)).toEqual(['F1', 'F2', 'F3', 'F4']);
    expect(s.offers.map((o) => o.complementaryCents)).toEqual([825, 2750, 3575, 3575]);
    expect(s.offers.map((o) => o.resteAChargeCents)).toEqual([2850, 925, 100, 100]);
  });

  it('prints the crown on F4 in euros with the steps in French (seed 004 l. 4242-4252)', () => {
    const r = grille(['reimburse', 'assurbp-sante-pro:F4', '--basket', 'couronne', '--price', '554', '--date', '2024-01-01', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/assurbp-sante-pro:F4 .* 482,00 € +0,00 €/);
    expect(r.stdout).toContain('Forfait 600,00 €, Sécurité sociale incluse : 600,00 € − 72,00 € = 528,00 €.');
    expect(r.stdout).toContain('Jamais plus que la dépense');
    expect(r.stdout).toContain('Hypothèses :');
  });

  it('glasses with the loyalty bonus (seed 004 l. 4455-4481)', () => {
    const s = sim(['assurbp-sante-pro', '--basket', 'lunettes', '--price', '356', '--bonus-fidelite', '--date', '2024-01-01']);
    expect(s.offers.map((o) => o.resteAChargeCents)).toEqual([25585, 7585, 3587, 0]);
  });

  it('a hospital stay with a private room, 3 days at 120 €', () => {
    const s = sim(['assurbp-sante-pro:F1', 'assurbp-sante-pro:F3', '--basket', 'hospitalisation-chambre-particuliere', '--price', '120', '--quantity', '3', '--date', '2024-01-01']);
    // room: F1 not covered, F3 75 € a day; forfait journalier at frais réels (20 € a day, unverified parameter)
    expect(s.offers.map((o) => o.complementaryCents)).toEqual([3 * 2000, 3 * 7500 + 3 * 2000]);
    expect(s.parameters.find((p) => p.key === 'forfait_journalier.hospitalier')).toMatchObject({ verified: false });
  });

  it('shows « non précisé », not 0, when the notice does not give the guarantee', () => {
    const r = grille(['reimburse', 'assurbp-sante-pro:F2', '--act', 'consultation-specialiste', '--price', '40', '--optam', 'no', '--date', '2024-01-01', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/assurbp-sante-pro:F2 .* non précisé +non précisé/);
    const s = sim(['assurbp-sante-pro:F2', '--act', 'consultation-specialiste', '--price', '40', '--optam', 'no', '--date', '2024-01-01']);
    expect(s.offers[0]).toMatchObject({ status: 'unspecified', complementaryCents: null, resteAChargeCents: null });
    expect(s.securiteSociale.netCents).toBe(1510);
  });

  it('picks the parameters in force on the date of care: PF 1 € then 2 €', () => {
    const at = (date: string) => sim(['assurbp-sante-pro:F1', '--act', 'radiologie', '--price', '55', '--br', '27,50', '--optam', 'yes', '--date', date]).securiteSociale.participationForfaitaireCents;
    expect(at('2024-05-14')).toBe(100);
    expect(at('2024-06-01')).toBe(200);
  });

  it('--responsable reports the contrat-responsable checks (Assur-BP: non-OPTAM rates not given, nothing checkable)', () => {
    const r = grille(['reimburse', 'assurbp-sante-pro', '--responsable', '--date', '2024-01-01', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 infraction(s) sur 12 contrôle(s)');
    expect(r.stdout).toContain('[non vérifiable]');
  });

  it.each([
    [['assurbp-sante-pro', '--act', 'acupuncture', '--price', '50'], /acte inconnu : « acupuncture »/],
    [['assurbp-sante-pro', '--basket', 'panier', '--price', '50'], /panier inconnu/],
    [['assurbp-sante-pro', '--act', 'couronne', '--price', '-5'], /--price « -5 » : montant en euros positif attendu/],
    [['assurbp-sante-pro', '--act', 'couronne', '--price=-5'], /--price « -5 »/],
    [['assurbp-sante-pro', '--act', 'couronne', '--price', 'douze'], /--price « douze »/],
    [['assurbp-sante-pro', '--act', 'couronne', '--price', '500', '--date', '2024-02-30'], /--date « 2024-02-30 » : date impossible/],
    [['assurbp-sante-pro', '--act', 'couronne', '--price', '500', '--date', '01/01/2024'], /--date « 01\/01\/2024 »/],
    [['assurbp-sante-pro', '--act', 'radiologie', '--price', '55'], /--optam yes\|no/],
    [['assurbp-sante-pro', '--act', 'radiologie', '--price', '55', '--optam', 'peut-être'], /--optam « peut-être » : yes ou no attendu/],
    [['assurbp-sante-pro', '--act', 'radiologie', '--price', '55', '--optam', 'yes'], /base de remboursement inconnue, indiquez-la avec --br/],
    [['assurbp-sante-pro', '--act', 'couronne', '--price', '500', '--quantity', 'deux'], /--quantity « deux »/],
    [['assurbp-sante-pro:F9', '--act', 'couronne', '--price', '500'], /formule « F9 » inconnue/],
    [['nope', '--act', 'couronne', '--price', '500'], /Produit inconnu/],
    [['assurbp-sante-assistance', '--act', 'couronne', '--price', '500'], /n'est pas un produit santé/],
    [['assurbp-sante-pro', '--basket', 'aide-auditive', '--price', '900', '--sante100', 'yes', '--date', '2020-06-01'], /100 % Santé n'est pas en vigueur le 01\/06\/2020/],
  ])('bad input %j exits 1 with one clear line', (args, message) => {
    const r = grille(['reimburse', ...args, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it.each([
    [['assurbp-sante-pro', '--price', '50']],
    [['assurbp-sante-pro', '--act', 'couronne', '--basket', 'couronne', '--price', '50']],
    [['assurbp-sante-pro', '--act', 'couronne']],
    [['--act', 'couronne', '--price', '50']],
    [['--list', 'assurbp-sante-pro']],
    [['assurbp-sante-pro', '--act', 'couronne', '--price', '50', '--frob']],
    [['assurbp-sante-pro', '--act']],
  ])('usage error %j exits 2', (args) => {
    const r = grille(['reimburse', ...args, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
