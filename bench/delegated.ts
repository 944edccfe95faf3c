/**
 * The delegated (interactive) measures of `npm run bench` (issue 7 item 13): authorization-code
 * redemptions/s and refresh-token redemptions/s (each reported as a ratio to client-credentials
 * tokens/s of the same run), and sign-in page renders/s (a ratio to the bare endpoint).
 */
import { request } from 'node:https';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { load, type LoadResult } from './load.js';

export interface BenchServerInfo {
  url: string;
  tenantId: string;
  webClientId: string;
  webClientSecret: string;
  redirectUri: string;
  codeScope: string;
}

export interface DelegatedContext {
  info: BenchServerInfo;
  ca: string;
  connections: number;
  seconds: number;
  /** A directory for the code supply file. */
  workDir: string;
  /** Sends one command line to the bench server and waits for its JSON answer (bench/server.ts). */
  ask(line: string): Promise<Record<string, unknown>>;
}

export type Measured = { available: true; result: LoadResult; note?: string } | { available: false; reason: string };

const form = { 'content-type': 'application/x-www-form-urlencoded' };

export function postForm(url: string, body: string, ca: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca, headers: form }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> });
        } catch {
          reject(new Error(`${url} answered ${res.statusCode} with a body that is not JSON`));
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const tokenUrl = (info: BenchServerInfo) => `${info.url}/${info.tenantId}/oauth2/v2.0/token`;

function redemption(info: BenchServerInfo, code: string): string {
  return new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: info.redirectUri, client_id: info.webClientId, client_secret: info.webClientSecret, scope: info.codeScope }).toString();
}

/**
 * Codes are single use: the server stores `supply` codes first (more than the client-credentials
 * rate allows in the run, as a redemption signs at least as much), the load sends each once. The
 * first is redeemed before the load to check the setup and to yield a refresh token.
 */
export async function measureCodeRedemption(ctx: DelegatedContext, supply: number): Promise<{ measured: Measured; refreshToken: string | undefined }> {
  const file = join(ctx.workDir, 'codes.txt');
  const answer = await ctx.ask(`codes ${supply + 1} ${file}`);
  if (answer.error !== undefined) throw new Error(`the bench server could not store codes: ${String(answer.error)}`);
  const codes = readFileSync(file, 'utf8').trim().split('\n');
  const probe = await postForm(tokenUrl(ctx.info), redemption(ctx.info, codes[0] as string), ctx.ca);
  if (probe.status !== 200) throw new Error(`authorization-code redemption failed: ${JSON.stringify(probe.json)}`);
  const result = await load({ url: tokenUrl(ctx.info), method: 'POST', headers: form, bodies: codes.slice(1).map((c) => redemption(ctx.info, c)), connections: ctx.connections, seconds: ctx.seconds });
  const note = result.requests >= supply ? `the supply of ${supply} codes ran out: the rate is a lower bound` : undefined;
  const refreshToken = typeof probe.json.refresh_token === 'string' ? probe.json.refresh_token : undefined;
  return { measured: { available: true, result, ...(note ? { note } : {}) }, refreshToken };
}

/**
 * One refresh token replayed: for a confidential client the old token stays valid after each use
 * (src/state/refresh-tokens.ts, ENTRA-COMPAT), so one body serves the whole run. A probe first:
 * `unsupported_grant_type` means the grant is not in this build yet.
 */
export async function measureRefresh(ctx: DelegatedContext, refreshToken: string | undefined): Promise<Measured> {
  if (refreshToken === undefined) return { available: false, reason: 'the code redemption returned no refresh token' };
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: ctx.info.webClientId, client_secret: ctx.info.webClientSecret, scope: ctx.info.codeScope }).toString();
  const probe = await postForm(tokenUrl(ctx.info), body, ctx.ca);
  if (probe.json.error === 'unsupported_grant_type') return { available: false, reason: 'not available yet (grant_type=refresh_token answers unsupported_grant_type)' };
  if (probe.status !== 200) return { available: false, reason: `probe failed: ${probe.status} ${String(probe.json.error)} ${String(probe.json.error_codes ?? '')}` };
  return { available: true, result: await load({ url: tokenUrl(ctx.info), method: 'POST', headers: form, body, connections: ctx.connections, seconds: ctx.seconds }) };
}

/** `/authorize` without a session cookie: the sign-in page (200 HTML). */
export async function measureSignInPage(ctx: DelegatedContext): Promise<LoadResult> {
  const query = new URLSearchParams({ client_id: ctx.info.webClientId, response_type: 'code', redirect_uri: ctx.info.redirectUri, scope: 'openid User.Read' });
  const url = `${ctx.info.url}/${ctx.info.tenantId}/oauth2/v2.0/authorize?${query.toString().replace(/\+/g, '%20')}`;
  // The page, not an error page: 200 HTML with the username field (src/protocol/authorize/pages.ts).
  const page = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    request(url, { ca: ctx.ca }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    }).on('error', reject).end();
  });
  if (page.status !== 200 || !page.type.startsWith('text/html') || !page.body.includes('name="loginfmt"')) throw new Error(`/authorize answered ${page.status} ${page.type}, not the sign-in page`);
  return load({ url, connections: ctx.connections, seconds: ctx.seconds });
}
