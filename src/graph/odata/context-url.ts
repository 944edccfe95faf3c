/**
 * `@odata.context` (graph.md §1.4): `{origin}/{version}/$metadata#{path}[({select})][/$entity]`,
 * always on the origin the client called.
 */
import type { GraphContext } from '../context.js';

function selected(select: readonly string[] | null): string {
  return select === null ? '' : `(${select.join(',')})`;
}

/** `…/$metadata#users(id,displayName)` */
export function collectionContext(ctx: Pick<GraphContext, 'origin' | 'version'>, entitySet: string, select: readonly string[] | null): string {
  return `${ctx.origin}/${ctx.version}/$metadata#${entitySet}${selected(select)}`;
}

/** `…/$metadata#users/$entity`, `…/$metadata#users(displayName)/$entity` */
export function entityContext(ctx: Pick<GraphContext, 'origin' | 'version'>, entitySet: string, select: readonly string[] | null): string {
  return `${collectionContext(ctx, entitySet, select)}/$entity`;
}
