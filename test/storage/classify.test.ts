/**
 * Error classification of the dialect adapters (pure functions): which driver errors mean
 * "run the transaction again" and which mean "the database is away, answer 503".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postgresAdapter } from '../../src/storage/dialects/postgres.js';
import { sqliteAdapter } from '../../src/storage/dialects/sqlite.js';
import { DatabaseUnavailableError, isDatabaseUnavailable } from '../../src/storage/errors.js';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('storage error classification', () => {
  it('SQLite: every SQLITE_BUSY* is retryable; SQLITE_LOCKED and constraint errors are not; nothing is an outage', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_TIMEOUT']) assert.equal(sqliteAdapter.retryable(coded(code)), true, code);
    for (const code of ['SQLITE_LOCKED', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_FULL']) assert.equal(sqliteAdapter.retryable(coded(code)), false, code);
    assert.equal(sqliteAdapter.unavailable(coded('SQLITE_BUSY')), false);
  });

  it('PostgreSQL: 40001 and 40P01 are retryable, nothing else', () => {
    assert.equal(postgresAdapter.retryable(coded('40001')), true);
    assert.equal(postgresAdapter.retryable(coded('40P01')), true);
    for (const code of ['23505', '57P01', 'ECONNREFUSED', '25P02']) assert.equal(postgresAdapter.retryable(coded(code)), false, code);
  });

  it('PostgreSQL: connection loss, refused connections and a restarting server are outages', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300', '08006', '08003', '08P01']) {
      assert.equal(postgresAdapter.unavailable(coded(code)), true, code);
    }
    for (const message of ['Connection terminated unexpectedly', 'Connection terminated', 'Client has encountered a connection error and is not queryable', 'timeout exceeded when trying to connect']) {
      assert.equal(postgresAdapter.unavailable(new Error(message)), true, message);
    }
    for (const code of ['23505', '42P01', '40001', '22P02']) assert.equal(postgresAdapter.unavailable(coded(code)), false, code);
    assert.equal(postgresAdapter.unavailable(new Error('syntax error at or near "selec"')), false);
  });

  it('finds DatabaseUnavailableError anywhere in a cause chain', () => {
    const outage = new DatabaseUnavailableError({ cause: coded('57P01') });
    assert.equal(isDatabaseUnavailable(outage), true);
    assert.equal(isDatabaseUnavailable(new Error('mapped', { cause: new Error('again', { cause: outage }) })), true);
    assert.equal(isDatabaseUnavailable(new Error('other', { cause: coded('57P01') })), false);
    const cycle: Error & { cause?: unknown } = new Error('cycle');
    cycle.cause = cycle;
    assert.equal(isDatabaseUnavailable(cycle), false);
  });
});
