/**
 * Identifiers: GUIDs for directory objects (Graph's shape) and opaque random handles for
 * objects Graph exposes as non-GUID strings (appRoleAssignment, oAuth2PermissionGrant ids;
 * graph.md §2.7, §2.8).
 */
import { randomBytes, randomUUID } from 'node:crypto';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new random (v4) GUID, lower case. */
export function newGuid(): string {
  return randomUUID();
}

/** True when `value` has the 8-4-4-4-12 hex GUID shape (any case, no braces). */
export function isGuid(value: unknown): boolean {
  return typeof value === 'string' && GUID.test(value);
}

/** A random opaque id: base64url of `bytes` random bytes (32 → 43 characters). */
export function newOpaqueId(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
