/**
 * The tenant's user-consent setting (protocol.md §14.3, issue 9): may users consent to apps
 * themselves (`allowed`, Entra's historical default), never (`notAllowed`: an admin must grant
 * everything), or only to low-risk permissions (`lowRisk`). Existing tenants keep today's
 * behaviour through the column default.
 *
 * `api.preAuthorizedApplications` needs no column: it is part of the applications `api` JSON.
 *
 * Frozen history: constants are inlined, nothing is imported from the domain.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('user_consent', 'text', (c) => c.notNull().defaultTo('allowed')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('user_consent').execute();
}
