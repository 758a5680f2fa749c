/** The renderer asks the main process through window.grille and shows the answer; it computes nothing. */
import type { GrilleApi, ProductSummaryDto } from '../shared/api';

declare global {
  interface Window {
    grille: GrilleApi;
  }
}

const kindLabels: Record<string, string> = { sante: 'Santé', assistance: 'Assistance', mav: 'Accidents de la vie', prevoyance: 'Prévoyance', reseau: 'Réseau / services' };

function cell(text: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function renderCatalogue(root: HTMLElement, products: ProductSummaryDto[]): void {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const h of ['Produit', 'Type', 'Assureur', 'Formules', 'Versions']) {
    const th = document.createElement('th');
    th.textContent = h;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const p of products) {
    const row = body.insertRow();
    row.append(cell(p.name), cell(kindLabels[p.kind] ?? p.kind), cell(p.insurer.name), cell(p.formulas.map((f) => f.label).join(', ')), cell(p.versions.map((v) => v.label).join(', ')));
  }
  root.replaceChildren(table);
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  const answer = await window.grille.catalogueList();
  if (!answer.ok) {
    root.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `${answer.error.message} — relancez Grille ; si l'erreur persiste, « grille catalogue check » indique ce qui ne va pas.`;
    root.appendChild(p);
    return;
  }
  renderCatalogue(root, answer.value);
}

void start();
