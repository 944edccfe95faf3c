/**
 * Fastify's JSON-schema compilers (ajv for validation, fast-json-stringify for serialization),
 * loaded when a route first declares a schema rather than when the app is built. Tessera's routes
 * declare none (requests are parsed by each endpoint's own steps, responses serialized as
 * built), and loading ajv cost a warm start about 40 ms of its ~0.6 s. They are loaded from
 * where fastify itself resolves them, so they are the versions it was made for.
 *
 * One difference to keep in mind if a route ever declares a `headers` schema: with a compiler
 * factory given here, fastify treats the validator as custom and does not lower-case that
 * schema's property names, so write them in lower case.
 */
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type SchemaControllerOptions = NonNullable<FastifyServerOptions['schemaController']>;
type Factories = NonNullable<SchemaControllerOptions['compilersFactory']>;
type Factory = (...args: unknown[]) => unknown;

const fromFastify = () => createRequire(createRequire(import.meta.url).resolve('fastify'));

function lazy(name: string): Factory {
  let build: Factory | undefined;
  return (...args) => {
    build ??= (fromFastify()(name) as () => Factory)();
    return build(...args);
  };
}

/** `schemaController` option of `Fastify()`: the default compilers, on first use. */
export function lazySchemaCompilers(): SchemaControllerOptions {
  return {
    compilersFactory: {
      buildValidator: lazy('@fastify/ajv-compiler') as Factories['buildValidator'],
      buildSerializer: lazy('@fastify/fast-json-stringify-compiler') as Factories['buildSerializer'],
    },
  };
}
