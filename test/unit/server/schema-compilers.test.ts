/**
 * The lazily loaded schema compilers (server/schema-compilers.ts) behave as fastify's defaults
 * when a route does declare a schema: ajv refuses an invalid body with 400, fast-json-stringify
 * serializes the declared response properties only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { lazySchemaCompilers } from '../../../src/server/schema-compilers.js';

describe('lazy schema compilers', () => {
  it('validate and serialize like the defaults once a route declares a schema', async () => {
    const app = Fastify({ schemaController: lazySchemaCompilers() });
    app.post(
      '/echo',
      {
        schema: {
          body: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 2 } } },
          response: { 200: { type: 'object', properties: { name: { type: 'string' } } } },
        },
      },
      async (request) => ({ ...(request.body as object), secret: 'not serialized' }),
    );
    try {
      const good = await app.inject({ method: 'POST', url: '/echo', payload: { name: 'Ada' } });
      assert.equal(good.statusCode, 200);
      assert.deepEqual(good.json(), { name: 'Ada' });
      const bad = await app.inject({ method: 'POST', url: '/echo', payload: { name: 'A' } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json<{ message: string }>().message, /body\/name must NOT have fewer than 2 characters/);
    } finally {
      await app.close();
    }
  });
});
