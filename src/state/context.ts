/** What every part of the protocol-state store is built from. */
import type { Storage } from '../storage/index.js';
import { createProtocolStateQueries, type ProtocolStateQueries } from '../storage/queries/protocol-state.js';
import type { Lifetimes } from './lifetimes.js';

export interface StateContext {
  now: () => Date;
  lifetimes: Lifetimes;
  /** Queries outside a transaction (single reads). */
  read: ProtocolStateQueries;
  /**
   * Every write, even a single statement, runs in `storage.transaction`: on SQLite a writer that
   * meets another process's lock is retried there (BEGIN IMMEDIATE, back-off) instead of failing.
   */
  write<T>(fn: (q: ProtocolStateQueries) => Promise<T>): Promise<T>;
}

export function createStateContext(storage: Storage, now: () => Date, lifetimes: Lifetimes): StateContext {
  return {
    now,
    lifetimes,
    read: createProtocolStateQueries(storage.db),
    write: (fn) => storage.transaction((trx) => fn(createProtocolStateQueries(trx))),
  };
}
