/**
 * msal-node's INetworkModule over a given fetch (msal-node `system.networkClient`): the same
 * contract as msal-node's own HttpClient — GET and POST, a response of plain headers, the JSON
 * body and the status; a timeout aborts the request.
 */

interface NetworkRequestOptions {
  headers?: Record<string, string>;
  body?: string;
}

interface NetworkResponse<T> {
  headers: Record<string, string>;
  body: T;
  status: number;
}

/** The methods msal-node calls on `system.networkClient`. */
export interface MsalNetworkClient {
  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>>;
  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>>;
}

export function msalNetworkClient(fetch: typeof globalThis.fetch): MsalNetworkClient {
  const send = async <T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions = {}, timeout?: number): Promise<NetworkResponse<T>> => {
    const response = await fetch(url, {
      method,
      headers: options.headers,
      body: method === 'POST' ? (options.body ?? '') : undefined,
      signal: timeout ? AbortSignal.timeout(timeout) : undefined,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    return { headers, body: (await response.json()) as T, status: response.status };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>('GET', url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}
