/**
 * Names of the form fields the pages post, shared by the views and the handlers that read them.
 * ENTRA-COMPAT: the credential fields keep Entra's names (`loginfmt`, `passwd`, `otc`, `kmsi`),
 * so password managers and scripted tests that know Entra's forms find them.
 */
export const FIELD = {
  /** The CSRF token (web/csrf.ts), on every form. */
  csrf: 'csrf',
  /** The flow's opaque transaction id, on every form. */
  flow: 'flow',
  username: 'loginfmt',
  password: 'passwd',
  /** One-time code of the MFA step. */
  otc: 'otc',
  /** "Keep me signed in" checkbox (value `1` when checked). */
  kmsi: 'kmsi',
  /** The account picked (its id), or `USE_ANOTHER_ACCOUNT`. */
  account: 'account',
  /** Consent: `accept` or `cancel`. */
  decision: 'decision',
  /** Consent on behalf of the organization (admins; value `1` when checked). */
  consentForOrganization: 'consent_for_org',
} as const;

/** `account` value of the "Use another account" button (account ids are GUIDs, never this). */
export const USE_ANOTHER_ACCOUNT = 'other';
