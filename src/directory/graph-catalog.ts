/**
 * Microsoft Graph as a first-party resource (design.md Layers): its appId, identifier URI,
 * token version and the permission catalog of spec/graph.md §3 with the real permission GUIDs,
 * so `scope=https://graph.microsoft.com/.default` and `User.Read` mean what they mean in Entra.
 * The Graph service principal row of every tenant has application_id null; its appRoles and
 * oauth2PermissionScopes come from here.
 *
 * Catalog data, exempt from the size rule (eslint.config.js). Display names and descriptions are
 * our own words; ids and values are exact.
 */
import type { AppRole, PermissionScope, SignInAudience } from './types.js';

/** The appId (client id) of Microsoft Graph. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Graph's App ID URI, the `aud` of v1 tokens for Graph (protocol.md §15.5). */
export const GRAPH_RESOURCE_URI = 'https://graph.microsoft.com';

/** The personal-accounts (MSA) tenant (protocol.md §2.1). */
export const CONSUMERS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

// ENTRA-COMPAT: the "Microsoft Services" tenant owns Graph's registration
// (appOwnerOrganizationId of the real Graph service principal).
const MICROSOFT_SERVICES_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/**
 * One row per permission: value, delegated id (oauth2PermissionScopes) or null, whether the
 * delegated scope needs admin consent ("Admin?" column), application id (appRoles) or null,
 * display name, description.
 */
type CatalogRow = readonly [string, string | null, boolean, string | null, string, string];

const CATALOG: readonly CatalogRow[] = [
  ['User.Read', 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', false, null, 'Sign you in and read your profile', 'Lets the app sign users in and read the signed-in user\'s profile and basic organization details.'],
  ['User.ReadWrite', 'b4e74841-8e56-480b-be8b-910348b18b4c', false, null, 'Read and update your profile', 'Lets the app read and change the signed-in user\'s own profile.'],
  ['User.ReadBasic.All', 'b340eb25-3456-403f-be2f-af7a0d370277', false, '97235f07-e226-4f63-ace3-39588e11d3a1', 'Read all users\' basic profiles', 'Lets the app read the basic profile of every user: name, email, photo and id.'],
  ['User.Read.All', 'a154be20-db9c-4678-8ab7-66f6cc099a59', true, 'df021288-bdef-4463-88db-98f22de89214', 'Read all users\' full profiles', 'Lets the app read every property of every user in the organization.'],
  ['User.ReadWrite.All', '204e0828-b5ca-4ad8-b9f3-f32a958e7cc4', true, '741f803b-c850-494e-b5df-cde7c675a1ca', 'Read and write all users\' full profiles', 'Lets the app read, create and change every user in the organization.'],
  ['Directory.Read.All', '06da0dbc-49e2-44d2-8312-53f166ab848a', true, '7ab1d382-f21e-4acd-a863-ba3e13f7da61', 'Read directory data', 'Lets the app read everything in the directory: users, groups, applications and more.'],
  ['Directory.ReadWrite.All', 'c5366453-9fb0-48a5-a156-24f0c49a4b84', true, '19dbc75e-c2e2-444c-a770-ec69d8559fc7', 'Read and write directory data', 'Lets the app read and write directory data, short of deleting users or groups and resetting passwords.'],
  ['Directory.AccessAsUser.All', '0e263e50-5827-48a4-b97c-d940288653c7', true, null, 'Access the directory as the signed-in user', 'Lets the app do in the directory whatever the signed-in user may do.'],
  ['Group.Read.All', '5f8c59db-677d-491f-a6b8-5f174b11ec1d', true, '5b567255-7703-4780-807c-7be8301ae99b', 'Read all groups', 'Lets the app read every group with its properties and memberships.'],
  ['Group.ReadWrite.All', '4e46008b-f24c-477d-8fff-7bb4ec7aafe0', true, '62a82d76-70ea-41e2-9197-370581804d09', 'Read and write all groups', 'Lets the app create, read, change and delete groups and their memberships.'],
  ['GroupMember.Read.All', 'bc024368-1153-4739-b217-4326f2e966d0', true, '98830695-27a2-44f7-8c18-0c3ebc9698f6', 'Read all group memberships', 'Lets the app read basic group properties and the members of every group.'],
  ['GroupMember.ReadWrite.All', 'f81125ac-d3b7-4573-a3b2-7099cc39df9e', true, 'dbaae8cf-10b5-4b86-a4a1-f871c94c6695', 'Read and write all group memberships', 'Lets the app add members to and remove members from any group.'],
  ['Application.Read.All', 'c79f8feb-a9db-4090-85f9-90d820caa0eb', true, '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30', 'Read all applications', 'Lets the app read every application registration and service principal.'],
  ['Application.ReadWrite.All', 'bdfbf15f-ee85-4955-8675-146e8e5296b5', true, '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', 'Read and write all applications', 'Lets the app create, read, change and delete application registrations and service principals, but not consent grants.'],
  ['Application.ReadWrite.OwnedBy', null, false, '18a4783c-866b-4cc7-a460-3d5e5662c884', 'Manage apps that this app creates or owns', 'Lets the app create applications and fully manage the applications and service principals it owns.'],
  ['AppRoleAssignment.ReadWrite.All', '84bccea3-f856-4a8a-967b-dbe0a3d53a64', true, '06b708a9-e830-4db3-a914-8e69da51d44f', 'Manage app role assignments', 'Lets the app grant and revoke application permissions and app role assignments for any API.'],
  ['DelegatedPermissionGrant.ReadWrite.All', '41ce6ca6-6826-4807-84f1-1c82854f7ee5', true, '8e8e4742-1d95-4f68-9d56-6ee75648c72a', 'Manage delegated permission grants', 'Lets the app create, change and delete delegated permission grants for any API.'],
  ['RoleManagement.Read.Directory', '741c54c3-0c1e-44a1-818b-3f97ab4e8c83', true, '483bed4a-2ad3-4361-a73b-c83ccdbdc53c', 'Read directory role management data', 'Lets the app read directory roles, role templates, role definitions, assignments and memberships.'],
  ['Files.Read', '10465720-29dd-4523-a11a-6a75c743c9d9', false, null, 'Read your files', 'Lets the app read the signed-in user\'s files.'],
  ['Files.Read.All', 'df85f4d6-205c-4ac5-a5ea-6bf408dba283', false, '01d4889c-1287-42c6-ac1f-5d1e02578ef6', 'Read all files', 'Lets the app read every file it can reach: the user\'s accessible files (delegated) or every site collection (application).'],
  ['Files.ReadWrite', '5c28f0bf-8a70-41f1-8ab2-9032436ddb65', false, null, 'Full access to your files', 'Lets the app read, create, change and delete the signed-in user\'s files.'],
  ['Files.ReadWrite.All', '863451e7-0667-486c-a5d6-d135439485f0', false, '75359482-378d-4052-8f01-80520e7db3cd', 'Full access to all files', 'Lets the app read, create, change and delete every file it can reach.'],
  ['Mail.Read', '570282fd-fa5c-430d-a7fd-fc8dc98a9dca', false, '810c84a8-4a9e-49e6-bf7d-12d183f40d01', 'Read mail', 'Lets the app read mail: the signed-in user\'s mailbox (delegated) or every mailbox (application).'],
  ['Mail.ReadWrite', '024d486e-b451-40bb-833d-3e66d98c5c73', false, 'e2a3a72e-5f79-4c64-b1b1-878b674786c9', 'Read and write mail', 'Lets the app create, read, change and delete mail, without sending it.'],
  ['Mail.Send', 'e383f46e-2787-4529-855e-0e479a3ffac0', false, 'b633e1c5-b582-4048-a93e-9f11b44c7e96', 'Send mail', 'Lets the app send mail as the signed-in user (delegated) or as any user (application).'],
  ['Calendars.Read', '465a38f9-76ea-45b9-9f34-9e8b0d4b0b42', false, '798ee544-9d2d-430c-a058-570e29e34338', 'Read calendars', 'Lets the app read calendar events of the user (delegated) or of every mailbox (application).'],
  ['Calendars.ReadWrite', '1ec239c2-d7c9-4623-a91a-a9775856bb36', false, 'ef54d2bf-783f-4e0f-bca1-3210c0444d99', 'Read and write calendars', 'Lets the app create, read, change and delete calendar events.'],
  ['Contacts.Read', 'ff74d97f-43af-4b68-9f2a-b77ee6968c5d', false, '089fe4d0-434a-44c5-8827-41ba8a0b17f5', 'Read contacts', 'Lets the app read contacts of the user (delegated) or of every mailbox (application).'],
  ['AuditLog.Read.All', 'e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20', true, 'b0afded3-3588-46d8-8b3d-9842eff778da', 'Read audit log data', 'Lets the app read the audit and sign-in logs.'],
  ['Organization.Read.All', '4908d5b9-3fb2-4b1e-9336-1888b7937185', true, '498476ce-e0fe-48b0-b801-37ba7e2685c6', 'Read organization information', 'Lets the app read the organization and related data such as subscriptions and branding.'],
  ['Domain.Read.All', '2f9ee017-59c1-4f1d-9472-bd5529a7b311', true, 'dbb9058a-0e50-45d7-ae91-66909b5d4664', 'Read domains', 'Lets the app read every domain and its properties.'],
  ['openid', '37f7f235-527c-4136-accd-4a02d197296e', false, null, 'Sign users in', 'Lets users sign in to the app with their account (OpenID Connect).'],
  ['profile', '14dad69e-099b-42c9-810b-d002981feec1', false, null, 'View users\' basic profile', 'Lets the app see the basic profile of signed-in users in the ID token.'],
  ['email', '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0', false, null, 'View users\' email address', 'Lets the app read the primary email address of signed-in users.'],
  ['offline_access', '7427e0e9-2fba-42fe-b0c0-848c9e6a8182', false, null, 'Maintain access to data you have given it access to', 'Lets the app keep access to data through refresh tokens when the user is not present.'],
  ['User.DeleteRestore.All', '4bb440cd-2cf2-4f90-8004-aa2acd2537c5', true, 'eccc023d-eccf-4e7b-9683-8813ab36cecc', 'Delete and restore all users', 'Lets the app delete users and restore deleted users.'],
  ['User.EnableDisableAccount.All', 'f92e74e7-2563-467f-9dd0-902688cb5863', true, '3011c876-62b7-4ada-afa2-506cbbecc68c', 'Enable and disable user accounts', 'Lets the app turn user accounts on and off.'],
  ['User-PasswordProfile.ReadWrite.All', '56760768-b641-451f-8906-e1b8ab31bca7', true, 'cc117bb9-00cf-4eb8-b580-ea2a878fe8f7', 'Read and write all users\' password profiles', 'Lets the app read and change the password profile of users.'],
  ['User-Mail.ReadWrite.All', '6166886a-9576-433b-8544-658177bdef1d', true, '280d0935-0796-47d1-8d26-273470a3f17a', 'Read and write all users\' secondary mail addresses', 'Lets the app read and change the other mail addresses of users.'],
  ['User-Phone.ReadWrite.All', 'e29d5979-5b06-4a7f-ae24-6a9348d2e1ff', true, '86ceff06-c822-49ff-989a-d912845ffe69', 'Read and write all users\' phone numbers', 'Lets the app read and change the business and mobile phone numbers of users.'],
  ['User.Invite.All', '63dd7cd9-b489-4adf-a28c-ac38b9a0f962', true, '09850681-111b-4a89-9bed-3f2cae46d706', 'Invite guest users', 'Lets the app invite guests into the organization.'],
  ['Group.ReadBasic.All', 'ba1917bc-a64b-4c71-b66d-229d4a520e66', true, '07d67222-3a10-4d3b-9ddc-b8aa43198a00', 'Read all groups\' basic properties', 'Lets the app read the basic properties of every group.'],
  ['GroupMember.ReadBasic.All', '28539367-358c-4ed9-b7f0-793eccb8fd34', true, '8222c640-cae5-4860-8d11-b32cfad95e03', 'Read basic group memberships', 'Lets the app read basic group properties and the basic properties of members.'],
  ['Group.Create', null, false, 'bf7b1a76-6e77-406b-b258-bf5c7720e98f', 'Create groups', 'Lets the app create groups and manage the groups it owns.'],
  ['RoleManagement.ReadWrite.Directory', 'd01b97e9-cbc0-49fe-810a-750afd5527a3', true, '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8', 'Read and write directory role management data', 'Lets the app read and manage directory role assignments and definitions.'],
  ['RoleManagement.Read.All', '48fec646-b2ba-4019-8681-8eb31435aded', true, 'c7fbd983-d9aa-4fa7-84b8-17382c103bc4', 'Read role management data for all providers', 'Lets the app read role-based access control settings of every RBAC provider.'],
  ['Mail.ReadBasic', 'a4b8392a-d8d1-4954-a029-8e668a39a170', false, '6be147d2-ea4f-4b5a-a3fa-3eab6f3c140a', 'Read basic mail', 'Lets the app read mail message properties without body, preview or attachments.'],
  ['Mail.ReadBasic.All', null, false, '693c5e45-0940-467d-9b8a-1022fb9d42ef', 'Read basic mail in all mailboxes', 'Lets the app read message properties without body or attachments in every mailbox.'],
  ['Contacts.ReadWrite', 'd56682ec-c09e-4743-aaf4-1a3aac4caa21', false, '6918b873-d17a-4dc1-b314-35f528134491', 'Read and write contacts', 'Lets the app create, read, change and delete contacts.'],
  ['Sites.Read.All', '205e70e5-aba6-4c52-a976-6d2d46c48043', false, '332a536c-c7ef-4017-ab91-336970924f0d', 'Read items in all site collections', 'Lets the app read documents and list items in every site collection.'],
  ['Sites.ReadWrite.All', '89fe6a52-be36-487e-b7d8-d061c450a026', false, '9492366f-7969-46a4-8d15-ed1a20078fff', 'Read and write items in all site collections', 'Lets the app create, read, change and delete documents and list items in every site collection.'],
  ['Organization.ReadWrite.All', '46ca0847-7e6b-426e-9775-ea810a948356', true, '292d869f-3427-49a8-9dab-8c70152b74e9', 'Read and write organization information', 'Lets the app read and change the organization and related data.'],
  ['Domain.ReadWrite.All', '0b5d694c-a244-4bde-86e6-eb5cd07730fe', true, '7e05723c-0bb0-42da-be95-ae9f08a6e53c', 'Read and write domains', 'Lets the app read and manage every domain.'],
  ['Device.Read.All', '951183d1-1a61-466f-a6d1-1fde911bfd95', true, '7438b122-aefc-4978-80ed-43db9fcc7715', 'Read all devices', 'Lets the app read every device registered in the organization.'],
  ['People.Read', 'ba47897c-39ec-4d83-8086-ee8256fa737d', false, null, 'Read users\' relevant people lists', 'Lets the app read the people most relevant to the signed-in user.'],
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const oauth2PermissionScopes: PermissionScope[] = CATALOG.flatMap(([value, id, admin, , displayName, description]) =>
  id === null
    ? []
    : [
        {
          id,
          value,
          type: admin ? 'Admin' : 'User',
          adminConsentDisplayName: displayName,
          adminConsentDescription: description,
          userConsentDisplayName: displayName,
          userConsentDescription: description,
          isEnabled: true,
        } satisfies PermissionScope,
      ],
);

const appRoles: AppRole[] = CATALOG.flatMap(([value, , , id, displayName, description]) =>
  id === null ? [] : [{ id, value, displayName, description, allowedMemberTypes: ['Application'], isEnabled: true } satisfies AppRole],
);

/** A first-party resource: what a service principal without an application row exposes. */
export interface FirstPartyResource {
  appId: string;
  displayName: string;
  identifierUris: readonly string[];
  signInAudience: SignInAudience;
  appOwnerOrganizationId: string;
  /** Microsoft first-party APIs receive v1.0 access tokens (protocol.md §15.5). */
  accessTokenVersion: 1 | 2;
  appRoles: readonly AppRole[];
  oauth2PermissionScopes: readonly PermissionScope[];
}

/** Microsoft Graph's resource definition (frozen). */
export const graphResource: FirstPartyResource = deepFreeze({
  appId: GRAPH_APP_ID,
  displayName: 'Microsoft Graph',
  identifierUris: [GRAPH_RESOURCE_URI],
  signInAudience: 'AzureADMultipleOrgs',
  appOwnerOrganizationId: MICROSOFT_SERVICES_TENANT_ID,
  accessTokenVersion: 1,
  appRoles,
  oauth2PermissionScopes,
});

/** First-party resources by appId (Graph only, for now). */
export const FIRST_PARTY_RESOURCES: ReadonlyMap<string, FirstPartyResource> = new Map([[GRAPH_APP_ID, graphResource]]);

/**
 * True when `identifier` names Graph: its appId (any case) or its identifier URI with or
 * without one trailing slash (`https://graph.microsoft.com/` is what `.default` scopes carry).
 */
export function isGraphIdentifier(identifier: string): boolean {
  if (identifier.toLowerCase() === GRAPH_APP_ID) return true;
  const bare = identifier.endsWith('/') ? identifier.slice(0, -1) : identifier;
  return bare === GRAPH_RESOURCE_URI;
}

// ENTRA-COMPAT: permission values are matched case-insensitively (Entra accepts `user.read`).
/** The Graph application permission (app role) with this value, if any. */
export function findGraphAppRoleByValue(value: string): AppRole | undefined {
  const wanted = value.toLowerCase();
  return graphResource.appRoles.find((r) => r.value.toLowerCase() === wanted);
}

/** The Graph delegated permission (scope) with this value, if any. */
export function findGraphScopeByValue(value: string): PermissionScope | undefined {
  const wanted = value.toLowerCase();
  return graphResource.oauth2PermissionScopes.find((s) => s.value.toLowerCase() === wanted);
}
