/**
 * A Kysely dialect wrapper that turns the driver's connection-loss errors into one typed
 * `DatabaseUnavailableError` (storage/errors.ts), wherever they happen: acquiring a connection,
 * a query, BEGIN/COMMIT. Everything above storage (directory, keystore, surfaces) then tells "the
 * database is away, answer 503" from "this failed, answer 500" without knowing driver codes.
 * Other errors pass unchanged, so constraint classification still sees the driver's error.
 */
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { DatabaseUnavailableError } from '../errors.js';
import type { StorageDialect } from './dialect.js';

type Compile = Parameters<NonNullable<Driver['savepoint']>>[2];

function classifying(inner: Driver, adapter: StorageDialect): Driver {
  const inners = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const map = (error: unknown): never => {
    throw adapter.unavailable(error) ? new DatabaseUnavailableError({ cause: error }) : error;
  };
  const guard = <T>(work: () => Promise<T>): Promise<T> => work().catch(map);
  const innerOf = (connection: DatabaseConnection): DatabaseConnection => inners.get(connection) ?? connection;

  return {
    init: () => guard(() => inner.init()),
    async acquireConnection() {
      const connection = await guard(() => inner.acquireConnection());
      const wrapped: DatabaseConnection = {
        executeQuery: <R>(query: CompiledQuery) => guard<QueryResult<R>>(() => connection.executeQuery<R>(query)),
        streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
      };
      inners.set(wrapped, connection);
      return wrapped;
    },
    beginTransaction: (c, settings: TransactionSettings) => guard(() => inner.beginTransaction(innerOf(c), settings)),
    commitTransaction: (c) => guard(() => inner.commitTransaction(innerOf(c))),
    rollbackTransaction: (c) => guard(() => inner.rollbackTransaction(innerOf(c))),
    ...(inner.savepoint && { savepoint: (c: DatabaseConnection, name: string, compile: Compile) => guard(() => inner.savepoint!(innerOf(c), name, compile)) }),
    ...(inner.rollbackToSavepoint && {
      rollbackToSavepoint: (c: DatabaseConnection, name: string, compile: Compile) => guard(() => inner.rollbackToSavepoint!(innerOf(c), name, compile)),
    }),
    ...(inner.releaseSavepoint && {
      releaseSavepoint: (c: DatabaseConnection, name: string, compile: Compile) => guard(() => inner.releaseSavepoint!(innerOf(c), name, compile)),
    }),
    releaseConnection: (c) => inner.releaseConnection(innerOf(c)),
    destroy: () => inner.destroy(),
  };
}

/** `dialect`, with connection-loss errors classified by `adapter.unavailable`. */
export function classifyingDialect(dialect: Dialect, adapter: StorageDialect): Dialect {
  return {
    createDriver: () => classifying(dialect.createDriver(), adapter),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
