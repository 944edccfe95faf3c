/**
 * Drives Tessera's sign-in pages with fetch, as a browser without script would: keeps the
 * session cookie, reads the hidden `csrf` and `flow` fields, posts the forms, and stops at the
 * first response that leaves Tessera (a 302 elsewhere) or is not a form.
 */
export interface PageResponse {
  status: number;
  location: string | null;
  html: string;
  setCookie: string | null;
}

export class FormClient {
  cookie = '';

  async get(url: string): Promise<PageResponse> {
    return this.send(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<PageResponse> {
    return this.send(url, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** Posts the page's form with its hidden fields plus `fields`. */
  async submit(base: string, page: PageResponse, fields: Record<string, string>): Promise<PageResponse> {
    const action = /<form method="post" action="([^"]+)"/.exec(page.html)?.[1];
    if (!action) throw new Error(`no form on page: ${page.html.slice(0, 500)}`);
    return this.post(new URL(action.replace(/&#38;/g, '&'), base).toString(), { ...hiddenFields(page.html), ...fields });
  }

  private async send(url: string, init: RequestInit): Promise<PageResponse> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    return { status: response.status, location: response.headers.get('location'), html: await response.text(), setCookie };
  }
}

export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1] as string] = m[2] as string;
  return fields;
}

/** Signs in through the pages (accepting consent if asked) and returns the final redirect. */
export async function signInForCode(client: FormClient, base: string, authorizeUrl: string, username: string, password: string): Promise<URL> {
  let page = await client.get(authorizeUrl);
  if (page.status === 200 && page.html.includes('name="loginfmt"')) page = await client.submit(base, page, { loginfmt: username });
  if (page.status === 200 && page.html.includes('name="passwd"')) page = await client.submit(base, page, { passwd: password });
  if (page.status === 200 && page.html.includes('value="accept"')) page = await client.submit(base, page, { decision: 'accept' });
  if (page.status !== 302 || page.location === null) throw new Error(`sign-in did not redirect: ${page.status} ${page.html.slice(0, 800)}`);
  return new URL(page.location);
}
