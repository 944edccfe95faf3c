/**
 * `GET /organization` (a collection of exactly the caller's tenant) and
 * `GET /organization/{tenantId}` (graph.md §2.3).
 */
import type { Tenant } from '../../directory/types.js';
import { requireAccess } from '../authorize.js';
import type { GraphContext, GraphResult } from '../context.js';
import { graphErrors } from '../errors.js';
import { collectionContext, entityContext } from '../odata/context-url.js';
import { refuseExpand } from '../odata/options.js';
import { project } from '../odata/schema.js';
import { parseSelect } from '../odata/select.js';
import { ORGANIZATION_LIMITED_PROPERTIES, organizationSchema } from './schema.js';

const limited = (name: string) => ORGANIZATION_LIMITED_PROPERTIES.has(name);

async function read(ctx: GraphContext) {
  const level = requireAccess(ctx.principal, 'organization.read');
  const select = parseSelect(ctx.query.values.select, organizationSchema.canonical, organizationSchema.typeName);
  refuseExpand(ctx);
  const tenant = await ctx.deps.directory.getTenant(ctx.principal.tenantId);
  // The token's tenant was checked at validation; it can only be gone if deleted since.
  if (tenant === undefined) throw graphErrors.resourceNotFound(ctx.principal.tenantId);
  const json = (t: Tenant) => project(t, organizationSchema, select ?? organizationSchema.defaultProperties, level === 'limited' ? limited : undefined);
  return { select, tenant, json };
}

export async function listOrganization(ctx: GraphContext): Promise<GraphResult> {
  const { select, tenant, json } = await read(ctx);
  return { json: { '@odata.context': collectionContext(ctx, organizationSchema.entitySet, select), value: [json(tenant)] } };
}

export async function getOrganization(ctx: GraphContext): Promise<GraphResult> {
  const { select, tenant, json } = await read(ctx);
  const id = ctx.params.id ?? '';
  if (id.toLowerCase() !== tenant.id) throw graphErrors.resourceNotFound(id);
  return { json: { '@odata.context': entityContext(ctx, organizationSchema.entitySet, select), ...json(tenant) } };
}
