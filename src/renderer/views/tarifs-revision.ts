/**
 * When the later of two compared versions says it is a revision of the earlier one (components and
 * mode in the catalogue), the revise service recomputes it: its total rate is shown, and whether the
 * recomputed cells are the published ones.
 */
import type { ProductFile } from '../../shared/core/catalogue-schema';
import { formatDateFr } from '../../shared/core/format';
import { ask } from '../ui/api';
import type { AppContext } from '../ui/context';
import { h } from '../ui/dom';
import { rateText } from '../ui/labels';
import { columnKey, type TariffRow } from './tariff-table';

export async function declaredRevision(ctx: AppContext, p: ProductFile, beforeCode: string, afterCode: string, rows: readonly TariffRow[]): Promise<HTMLElement | null> {
  const before = p.versions.find((v) => v.code === beforeCode);
  const after = p.versions.find((v) => v.code === afterCode);
  if (!before || !after?.revision) return null;
  const fromAt = before.effectiveFrom ?? before.effectiveTo;
  if (!fromAt) return null;
  const components = after.revision.components;
  const described = `${after.revision.mode === 'additive' ? 'additive' : 'composée'} : ${components.map((c) => `${c.label} ${rateText(c.rate)}`).join(' + ')}`;
  const answer = await ask(() => ctx.api().revise({ productId: p.product.id, fromAt, components, mode: after.revision!.mode, effective: after.effectiveFrom ?? fromAt, save: false }));
  if (!answer.ok) return h('p', { class: 'notice notice-warn', text: `Révision déclarée par la source (${described}) : Grille n’a pas pu la recalculer (${answer.error.message}).` });
  const r = answer.value.revision;
  const total = r.totalRateText.startsWith('-') ? r.totalRateText : `+${r.totalRateText}`;
  const published = new Map(rows.flatMap((row) => [...row.cells.values()].map((c) => [`${columnKey(c)}|${c.segment}|${c.period}`, c.amountCents] as const)));
  const same = r.cells.filter((c) => published.get(`${columnKey(c)}|${c.segment}|${c.period}`) === c.newCents).length;
  return h(
    'div',
    { class: 'notice notice-info' },
    h('strong', { text: `${after.code} = ${before.code} ${total}` }),
    ` — révision ${described}${after.reference ? ` (${after.reference})` : ''}, à compter du ${formatDateFr(after.effectiveFrom ?? fromAt)}, facteur ${r.factorText}. `,
    h('span', { text: same === r.cells.length ? `Grille retrouve les ${same} cotisations publiées, au centime près.` : `Grille retrouve ${same} cotisations publiées sur ${r.cells.length} : voir les écarts dans la grille.` }),
  );
}
