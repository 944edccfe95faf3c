/**
 * Text mode's formatter (src/server/log-text.ts), a pure function: pino's JSON line in, one
 * readable line out; values a client chose cannot start a new line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLogLine } from '../../src/server/log-text.js';

const TIME = new Date(2026, 0, 2, 3, 4, 5, 67).getTime(); // local time, as the formatter prints it
const TRACE = '3c503b24-b6d5-4e99-adf9-def360757c68';
const CORRELATION = 'c0ffee00-1234-4abc-8def-000000000001';

function json(entry: Record<string, unknown>): string {
  return `${JSON.stringify({ level: 30, time: TIME, pid: 1, hostname: 'h', ...entry })}\n`;
}

describe('text log lines', () => {
  it('an access line: time, method, path, status, duration, client, code, ids', () => {
    const line = formatLogLine(json({ traceId: TRACE, method: 'POST', route: '/contoso/oauth2/v2.0/token', status: 401, durationMs: 3.2, clientId: 'abc', errorCode: 'AADSTS7000215', correlationId: CORRELATION, msg: 'request' }));
    assert.equal(line, `03:04:05.067 POST /contoso/oauth2/v2.0/token 401 3.2ms client=abc AADSTS7000215 correlation=${CORRELATION} trace=${TRACE}\n`);
  });

  it('a client id with a newline or spaces is quoted, so it cannot forge a line', () => {
    const line = formatLogLine(json({ traceId: TRACE, method: 'GET', route: '/x', status: 400, durationMs: 1, clientId: 'a\n03:04:05.067 GET /admin 200', correlationId: CORRELATION, msg: 'request' }));
    assert.equal(line.split('\n').length, 2, 'one line');
    assert.match(line, /client="a\\n03:04:05\.067 GET \/admin 200"/);
  });

  it('other entries: level, message, fields, the error and, at error level, its stack', () => {
    const warn = formatLogLine(json({ level: 40, traceId: TRACE, aadsts: 50126, err: { type: 'Error', message: 'bad thing', stack: 'Error: bad thing\n    at f (a.ts:1:1)' }, msg: 'protocol error' }));
    assert.equal(warn, `03:04:05.067 WARN protocol error aadsts=50126 trace=${TRACE} err="Error: bad thing"\n`);
    const error = formatLogLine(json({ level: 50, err: { type: 'TypeError', message: 'boom', stack: 'TypeError: boom\n    at f (a.ts:1:1)\n    at g (b.ts:2:2)' }, msg: 'unexpected protocol error' }));
    assert.equal(error, '03:04:05.067 ERROR unexpected protocol error err="TypeError: boom"\n    at f (a.ts:1:1)\n    at g (b.ts:2:2)\n');
    assert.equal(formatLogLine(json({ msg: 'Server listening at https://127.0.0.1:8443' })), '03:04:05.067 INFO Server listening at https://127.0.0.1:8443\n');
  });

  it('a line that is not JSON passes through', () => {
    assert.equal(formatLogLine('plain text'), 'plain text\n');
  });
});
