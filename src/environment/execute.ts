/**
 * Write an {@link EnvironmentPlan} through a transaction-bound Directory, in dependency order:
 * tenants, users, applications (with credentials), groups and members, consent, app role
 * assignments of users and groups. A directory
 * rule broken on the way (a UPN taken in another tenant, say) becomes an EnvironmentError at
 * the object's path, and the caller's transaction rolls everything back.
 */
import type { Directory } from '../directory/directory.js';
import { executeConsent } from './execute-consent.js';
import { at } from './errors.js';
import type { AppPlan, EnvironmentPlan } from './plan-types.js';
import type { AppliedApplication, AppliedEnvironment, AppliedSecret } from './result.js';
import { roleName } from './role-templates.js';

/** Writes the plan; returns what the environment consists of. */
export async function executePlan(dir: Directory, plan: EnvironmentPlan): Promise<AppliedEnvironment> {
  const created = { tenants: 0, users: 0, groups: 0, applications: 0, secrets: 0, certificates: 0, members: 0, consents: 0, assignments: 0 };
  for (const t of plan.tenants) {
    if (t.create === null) continue;
    const input = t.create;
    await at(t.path, () => dir.createTenant(input));
    created.tenants++;
  }
  for (const t of plan.tenants) {
    // protocol.md §14.3: the setting follows the file (idempotent: written only when it differs).
    const policy = t.userConsent;
    if (policy !== null && (await dir.getUserConsentPolicy(t.id)) !== policy) await at([...t.path, 'userConsent'], () => dir.setUserConsentPolicy(t.id, policy));
  }
  for (const u of plan.users) {
    if (u.create === null) continue;
    const input = u.create;
    await at(u.path, () => dir.createUser(u.tenantId, input));
    created.users++;
  }
  const applications: AppliedApplication[] = [];
  for (const a of plan.applications) applications.push(await writeApplication(dir, a, created));
  for (const g of plan.groups) {
    if (g.create !== null) {
      const input = g.create;
      await at(g.path, () => dir.createGroup(g.tenantId, input));
      created.groups++;
    }
  }
  for (const g of plan.groups) {
    for (const m of g.members) {
      if (m.exists) continue;
      const memberId = m.objectId ?? (await at(m.path, () => dir.ensureServicePrincipal(g.tenantId, m.appId ?? ''))).id;
      await at(m.path, () => dir.addGroupMember(g.tenantId, g.id, memberId));
      created.members++;
    }
  }
  for (const c of plan.consents) if (await executeConsent(dir, c)) created.consents++;
  for (const a of plan.assignments) {
    const sp = await at(a.path, () => dir.ensureServicePrincipal(a.tenantId, a.appId));
    const had = (await dir.listAppRoleAssignments(a.tenantId, a.principalId)).some((r) => r.resourceId === sp.id && r.appRoleId === a.appRoleId);
    if (had) continue;
    await at(a.path, () => dir.assignAppRole(a.tenantId, { principalId: a.principalId, principalType: a.principalType, resourceId: sp.id, appRoleId: a.appRoleId }));
    created.assignments++;
  }

  return {
    tenants: plan.tenants.map((t) => ({ id: t.id, displayName: t.displayName, kind: t.kind, domain: t.domain, created: t.create !== null })),
    users: plan.users.map((u) => ({
      id: u.id,
      tenantId: u.tenantId,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      password: u.password,
      roles: u.roles.map(roleName),
      mfa: u.mfa,
      totpSecret: u.totpSecret,
      created: u.create !== null,
    })),
    groups: plan.groups.map((g) => ({ id: g.id, tenantId: g.tenantId, displayName: g.displayName, created: g.create !== null })),
    applications,
    created,
    warnings: plan.warnings,
  };
}

async function writeApplication(dir: Directory, a: AppPlan, created: AppliedEnvironment['created']): Promise<AppliedApplication> {
  if (a.create !== null) {
    const input = a.create;
    await at(a.path, () => dir.createApplication(a.tenantId, input));
    created.applications++;
  }
  const secrets: AppliedSecret[] = [];
  for (const s of a.secrets) {
    if (s.exists) {
      secrets.push({ keyId: null, displayName: s.displayName, value: s.value, generated: s.value === null, created: false });
      continue;
    }
    const { credential, secretText } = await at(s.path, () =>
      dir.addPassword(a.id, {
        displayName: s.displayName,
        ...(s.value !== null ? { secretText: s.value } : {}),
        ...(s.endDateTime !== undefined ? { endDateTime: new Date(s.endDateTime).toISOString() } : {}),
      }),
    );
    secrets.push({ keyId: credential.keyId, displayName: s.displayName, value: secretText, generated: s.value === null, created: true });
    created.secrets++;
  }
  const certificates = [];
  for (const c of a.certificates) {
    if (c.exists) {
      certificates.push({ keyId: null, thumbprint: c.info.customKeyIdentifier, created: false });
      continue;
    }
    const key = await at(c.path, () => dir.addKey(a.id, { certificate: c.pem, displayName: c.displayName, usage: 'Verify' }));
    certificates.push({ keyId: key.keyId, thumbprint: c.info.customKeyIdentifier, created: true });
    created.certificates++;
  }
  const sp = await dir.getServicePrincipalByAppId(a.tenantId, a.appId);
  return {
    id: a.id,
    appId: a.appId,
    tenantId: a.tenantId,
    displayName: a.displayName,
    signInAudience: a.signInAudience,
    servicePrincipalId: sp?.id ?? null,
    identifierUris: [...a.definition.identifierUris],
    redirectUris: a.redirectUris,
    secret: secrets.find((s) => s.value !== null)?.value ?? null,
    secrets,
    certificates,
    created: a.create !== null,
  };
}
