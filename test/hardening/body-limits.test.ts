/**
 * Every request body is bounded (issue 6 item 5): a Content-Length above `bodyLimitBytes` gets
 * 413 in the surface's error shape before the body is read, whatever the content type and
 * whether a route matches; a chunked body is cut when it passes the limit. Each client here
 * announces a huge body, sends a few bytes and waits: the answer must come without the rest.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootTessera } from '../helpers/tessera.js';
import { createCertificates, environment, TENANT_A } from '../protocol/client-credentials/client-credentials.config.js';
import { httpsRequest, openTls, readUntilClose } from './wire.js';

const LIMIT = 8192;
let tessera: Awaited<ReturnType<typeof bootTessera>>;

before(async () => {
  tessera = await bootTessera({ environment: environment(await createCertificates()), config: { bodyLimitBytes: LIMIT } });
});
after(() => tessera.close());

const tokenPath = `/${TENANT_A}/oauth2/v2.0/token`;

/** Sends the head and `first` bytes of the body, then nothing: the server's answer within 3 s. */
async function announceHugeBody(path: string, contentType: string | null): Promise<{ text: string; closed: boolean }> {
  const socket = await openTls(tessera.port);
  const head = [`POST ${path} HTTP/1.1`, `Host: localhost:${tessera.port}`, 'Content-Length: 200000000', ...(contentType ? [`Content-Type: ${contentType}`] : []), '', ''];
  socket.write(head.join('\r\n') + 'grant_type=client_credentials&');
  const text = await readUntilClose(socket, 3000);
  const closed = socket.destroyed || socket.readableEnded;
  socket.destroy();
  return { text, closed };
}

function statusAndBody(raw: string): { status: number; body: Record<string, unknown> } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
  const bodyStart = raw.indexOf('\r\n\r\n') + 4;
  let body = raw.slice(bodyStart);
  // A chunked answer: take the JSON between the first chunk size and the terminator.
  if (/transfer-encoding: chunked/i.test(raw.slice(0, bodyStart))) body = body.slice(body.indexOf('\r\n') + 2, body.lastIndexOf('}') + 1);
  return { status, body: JSON.parse(body) as Record<string, unknown> };
}

describe('announced bodies over the limit', () => {
  for (const type of ['application/x-www-form-urlencoded', 'text/plain', null, 'application/json', 'application/octet-stream']) {
    it(`/token, ${type ?? 'no content type'}: 413 in Entra's shape before the body is sent, then the connection closes`, async () => {
      const { text, closed } = await announceHugeBody(tokenPath, type);
      const { status, body } = statusAndBody(text);
      assert.equal(status, 413, text);
      assert.equal(body.error, 'invalid_request');
      assert.deepEqual(body.error_codes, [9002313]);
      assert.match(text, /\r\nconnection: close\r\n/i);
      assert.ok(closed, 'the server closed the connection instead of draining the body');
    });
  }

  for (const type of ['application/json', 'text/plain', null]) {
    it(`Graph, ${type ?? 'no content type'}: 413 in Graph's shape`, async () => {
      const { text } = await announceHugeBody('/v1.0/users', type);
      const { status, body } = statusAndBody(text);
      assert.equal(status, 413, text);
      assert.equal(typeof (body.error as Record<string, unknown>).code, 'string');
      assert.ok((body.error as Record<string, unknown>).innerError);
    });
  }

  it('a path no route matches: 413 as well', async () => {
    const { text } = await announceHugeBody('/no/such/path', 'text/plain');
    assert.equal(statusAndBody(text).status, 413, text);
  });
});

describe('chunked bodies', () => {
  async function chunked(path: string, contentType: string): Promise<{ text: string; sent: number }> {
    const socket = await openTls(tessera.port);
    socket.write([`POST ${path} HTTP/1.1`, `Host: localhost:${tessera.port}`, 'Transfer-Encoding: chunked', `Content-Type: ${contentType}`, '', ''].join('\r\n'));
    const answer = readUntilClose(socket, 5000);
    let sent = 0;
    const chunk = 'a'.repeat(1024);
    // Keep sending until the server answers or cuts the connection; far more than the limit.
    for (let i = 0; i < 200 && !socket.destroyed && socket.writable; i++) {
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      sent += chunk.length;
      await new Promise((r) => setTimeout(r, 5));
    }
    const text = await answer;
    socket.destroy();
    return { text, sent };
  }

  for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
    it(`/token, ${type}: cut with 413 once it passes the limit`, async () => {
      const { text } = await chunked(tokenPath, type);
      const { status, body } = statusAndBody(text);
      assert.equal(status, 413, text);
      assert.deepEqual(body.error_codes, [9002313]);
    });
  }

  it('Graph, application/json: cut with 413', async () => {
    const { text } = await chunked('/v1.0/users', 'application/json');
    assert.equal(statusAndBody(text).status, 413, text);
  });
});

describe('small bodies still work as before', () => {
  it('a small non-form body on /token is read as no parameters (AADSTS900144)', async () => {
    for (const type of ['text/plain', 'application/json']) {
      const response = await httpsRequest(tessera.port, { method: 'POST', path: tokenPath, headers: { 'content-type': type, host: `localhost:${tessera.port}` }, body: '{"grant_type":"client_credentials"}' });
      assert.equal(response.status, 400, type);
      assert.deepEqual(response.json().error_codes, [900144]);
    }
  });

  it('a form just under the limit is read', async () => {
    const body = `grant_type=client_credentials&pad=${'x'.repeat(LIMIT - 100)}`;
    const response = await httpsRequest(tessera.port, { method: 'POST', path: tokenPath, headers: { 'content-type': 'application/x-www-form-urlencoded', host: `localhost:${tessera.port}` }, body });
    assert.equal(response.status, 400);
    assert.deepEqual(response.json().error_codes, [900144]);
  });
});
