/**
 * Names that exist in Microsoft Graph but that Tessera does not serve yet (entity sets,
 * singletons, navigation properties, bound operations of graph.md §2). A request that reaches
 * one of them is answered 404 instead of Graph's 400 for an unknown segment, so the response
 * says "not here" rather than "malformed" (roadmap items 4 and 6).
 */
const NAMES = [
  // entity sets and singletons
  '$batch', '$metadata', 'admin', 'agreements', 'applications', 'applicationtemplates', 'auditlogs', 'chats',
  'communications', 'connections', 'contacts', 'devicemanagement', 'devices', 'directory', 'directoryobjects',
  'directoryroles', 'directoryroletemplates', 'domains', 'drives', 'education', 'external', 'groupsettings',
  'identity', 'identitygovernance', 'invitations', 'oauth2permissiongrants', 'places', 'planner', 'policies', 'print',
  'reports', 'rolemanagement', 'schemaextensions', 'search', 'security', 'serviceprincipals', 'shares', 'sites',
  'solutions', 'storage', 'subscribedskus', 'subscriptions', 'teams', 'teamwork', 'users',
  // navigation properties and operations of users and groups
  'acceptedsenders', 'activities', 'approleassignments', 'approleassignedto', 'authentication', 'calendar', 'calendargroups',
  'calendars', 'calendarview', 'checkmembergroups', 'checkmemberobjects', 'contactfolders', 'conversations',
  'createdobjects', 'directreports', 'drive', 'events', 'extensions', 'followedsites', 'getmembergroups',
  'getmemberobjects', 'inferenceclassification', 'insights', 'joinedteams', 'licensedetails', 'mailfolders', 'manager',
  'memberof', 'members', 'messages', 'oauth2permissiongrants', 'onenote', 'onlinemeetings', 'outlook', 'owneddevices',
  'ownedobjects', 'owners', 'people', 'permissiongrants', 'photo', 'photos', 'presence', 'registereddevices',
  'rejectedsenders', 'sendmail', 'settings', 'team', 'threads', 'todo', 'transitivememberof', 'transitivemembers',
  'addpassword', 'removepassword', 'addkey', 'removekey', 'getbyids', 'delta', '$ref', '$value', '$count',
];

const KNOWN: ReadonlySet<string> = new Set(NAMES);

/** True when `segment` names something in Graph's schema (case-insensitive). */
export function isKnownGraphSegment(segment: string): boolean {
  const lower = segment.toLowerCase();
  return KNOWN.has(lower) || lower.startsWith('microsoft.graph.');
}
