/** A small HTTPS client for the hardening tests: one keep-alive agent trusting a node's own CA. */
import { Agent, request } from 'node:https';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  text: string;
}

export interface Client {
  get(url: string, headers?: Record<string, string>): Promise<Answer>;
  postForm(url: string, form: Record<string, string>): Promise<Answer>;
  close(): void;
}

export function httpsClient(ca: Buffer | string): Client {
  const agent = new Agent({ ca, keepAlive: true, maxSockets: 8 });
  function send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method, agent, headers, timeout: 20_000 }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let parsed: Record<string, unknown>;
          try {
            parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            parsed = {};
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url}`)));
      req.on('error', reject);
      req.end(body);
    });
  }
  return {
    get: (url, headers = {}) => send('GET', url, headers),
    postForm: (url, form) => send('POST', url, { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams(form).toString()),
    close: () => agent.destroy(),
  };
}
