// The one assertion of the Graph unit tests: `run` throws the GraphError Graph would send.
import assert from 'node:assert/strict';
import { GraphError } from '../../../src/graph/errors.js';

export function refused(run: () => unknown, status: number, code: string, message?: string | RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof GraphError, String(error));
    assert.equal(error.status, status);
    assert.equal(error.code, code);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message !== undefined) assert.match(error.message, message);
    return true;
  });
}
