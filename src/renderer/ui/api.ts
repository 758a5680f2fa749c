/** The one way the renderer talks to the main process: window.grille, whose answers are Result<T>. */
import type { GrilleApi, GrilleBridge, ProductSummaryDto, Result, TaxonomyCategoryDto } from '../../shared/api';
import type { ProductFile } from '../../shared/core/catalogue-schema';

declare global {
  interface Window {
    grille: GrilleBridge;
  }
}

/** A rejected bridge call (the main process went away) becomes an error the person can act on. */
export async function ask<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const answer = await call();
    if (answer && typeof answer === 'object' && 'ok' in answer) return answer;
    return { ok: false, error: { code: 'BRIDGE', message: 'Réponse inattendue du moteur de Grille : relancez l’application.' } };
  } catch (e) {
    return { ok: false, error: { code: 'BRIDGE', message: `Grille n’a pas pu joindre son moteur (${(e as Error).message}) : relancez l’application.` } };
  }
}

/** Catalogue reads shared by the views, cached until a view changes the catalogue (an edit, an import, a saved revision). */
export class CatalogueCache {
  private list: Promise<Result<ProductSummaryDto[]>> | null = null;
  private taxo: Promise<Result<TaxonomyCategoryDto[]>> | null = null;
  private readonly shown = new Map<string, Promise<Result<ProductFile>>>();
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly api: () => GrilleApi) {}

  products(): Promise<Result<ProductSummaryDto[]>> {
    this.list ??= ask(() => this.api().catalogueList()).then((r) => {
      if (!r.ok) this.list = null;
      return r;
    });
    return this.list;
  }

  product(id: string): Promise<Result<ProductFile>> {
    let p = this.shown.get(id);
    if (!p) {
      p = ask(() => this.api().catalogueShow(id)).then((r) => {
        if (!r.ok) this.shown.delete(id);
        return r;
      });
      this.shown.set(id, p);
    }
    return p;
  }

  taxonomy(): Promise<Result<TaxonomyCategoryDto[]>> {
    this.taxo ??= ask(() => this.api().taxonomy()).then((r) => {
      if (!r.ok) this.taxo = null;
      return r;
    });
    return this.taxo;
  }

  /** After a write: every view reloads what it shows from the catalogue (an import may add categories too). */
  invalidate(): void {
    this.list = null;
    this.taxo = null;
    this.shown.clear();
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
}
