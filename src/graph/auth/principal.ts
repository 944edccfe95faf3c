/**
 * Who is calling Graph, as read from a validated access token (graph.md §4.1 step 2). The test
 * for app-only tokens is Microsoft's recommended one (tokens.md §4.3): `idtyp` = `app`, with
 * the legacy fallback "no `scp`".
 */
import type { JWTPayload } from 'jose';

export interface GraphPrincipal {
  kind: 'app' | 'delegated';
  /** The token's tenant (`tid`), lower case. */
  tenantId: string;
  /** `oid`: the client's service principal (app-only) or the signed-in user (delegated). */
  objectId: string;
  /** The client application (`azp` in v2, `appid` in v1). */
  appId: string;
  /** `roles` (app-only) or the `scp` values (delegated). */
  permissions: ReadonlySet<string>;
  /** `exp` in epoch milliseconds. */
  expiresAt: number;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The principal of an already verified token; null when a required claim is missing. */
export function principalFromClaims(payload: JWTPayload): GraphPrincipal | null {
  const scp = str(payload.scp).trim();
  const kind = payload.idtyp === 'app' || scp === '' ? 'app' : 'delegated';
  const objectId = str(payload.oid).toLowerCase();
  const tenantId = str(payload.tid).toLowerCase();
  const appId = str(payload.azp) || str(payload.appid);
  if (objectId === '' || tenantId === '' || typeof payload.exp !== 'number') return null;
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  const permissions = new Set(kind === 'app' ? roles : scp.split(/\s+/));
  return { kind, tenantId, objectId, appId: appId.toLowerCase(), permissions, expiresAt: payload.exp * 1000 };
}
