/**
 * The standard baskets the desktop view and the comparison workbook simulate ("Exemples en euros"): one
 * example per basket of BASKETS, with the price of the Assur-BP notice's worked examples (seed 004) where it
 * prints one. Plain data: the simulation is the engine's (reimbursement.ts).
 */
export interface StandardBasket {
  /** a basket code of BASKETS */
  basket: string;
  /** short French title */
  title: string;
  /** per unit, or the whole equipment for a pooled basket (glasses), in cents */
  priceCents: number;
  quantity: number;
  optam: boolean | null;
  centSante: boolean;
  /** what the example assumes, in French */
  assumption: string;
}

export const STANDARD_BASKETS: readonly StandardBasket[] = [
  {
    basket: 'consultation-specialiste',
    title: 'Consultation d’un spécialiste non OPTAM à 40 €',
    priceCents: 4000,
    quantity: 1,
    optam: false,
    centSante: false,
    assumption: 'spécialiste en secteur 2 non adhérent à l’OPTAM, consultation à 40 € (exemple de la notice Assur-BP Santé, seed 004 l. 109)',
  },
  {
    basket: 'lunettes',
    title: 'Lunettes à verres simples à 356 €',
    priceCents: 35600,
    quantity: 1,
    optam: null,
    centSante: false,
    assumption: 'monture et deux verres simples hors 100 % Santé, 356 € l’équipement, sans bonus fidélité (exemple de la notice Assur-BP Santé, seed 004 l. 4491)',
  },
  {
    basket: 'couronne',
    title: 'Couronne céramo-métallique à 554 €',
    priceCents: 55400,
    quantity: 1,
    optam: null,
    centSante: false,
    assumption: 'couronne hors 100 % Santé à 554 € (exemple de la notice Assur-BP Santé, seed 004 l. 4189)',
  },
  {
    basket: 'aide-auditive',
    title: 'Aide auditive (une oreille) à 1 565 €',
    priceCents: 156500,
    quantity: 1,
    optam: null,
    centSante: false,
    assumption: 'une oreille, appareil hors 100 % Santé à 1 565 € (exemple de la notice Assur-BP Santé, seed 004 l. 4349)',
  },
  {
    basket: 'hospitalisation-chambre-particuliere',
    title: 'Hospitalisation de 3 jours en chambre particulière à 120 €',
    priceCents: 12000,
    quantity: 3,
    optam: null,
    centSante: false,
    assumption: 'chambre particulière à 120 € par jour pendant 3 jours, avec le forfait journalier (prix choisi pour l’exemple)',
  },
];
