/**
 * Ready client settings for an in-process Tessera (issue 8 item 1): each library is told to
 * trust Tessera's CA in this process, with no `NODE_EXTRA_CA_CERTS` (which Node reads only at
 * start) and without turning TLS checks off. Plain objects in each library's documented option
 * shapes (spec/clients.md), so Tessera itself depends on none of them:
 *
 * - msal-node: `system.networkClient` (an INetworkModule; msal-node 7 sends with the global
 *   fetch and has no agent or CA option) plus `auth.authority` and `knownAuthorities`;
 * - @azure/identity: `authorityHost`, `disableInstanceDiscovery` and a per-call pipeline policy
 *   that gives every request an https.Agent with the CA (PipelineRequest.agent);
 * - the Graph SDK: `baseUrl`, `customHosts` and `fetchOptions.dispatcher`, an undici Agent the
 *   global fetch uses (undici 6, the major Node 20 bundles);
 * - openid-client and anything else: a `fetch` bound to that dispatcher (`customFetch`).
 */
import { Agent as HttpsAgent } from 'node:https';
import { Agent as UndiciAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { msalNetworkClient, type MsalNetworkClient } from './msal-network.js';

/** msal-node's configuration: what {@link ClientSettings.msal} returns. */
export interface MsalConfiguration {
  auth: { clientId: string; authority: string; knownAuthorities: string[]; [key: string]: unknown };
  system: { networkClient: MsalNetworkClient; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * An @azure/core-rest-pipeline policy, structurally (no import of the package). Method syntax on
 * purpose: parameters are then checked bivariantly, so this fits the real PipelinePolicy type.
 */
interface PipelinePolicyLike {
  name: string;
  sendRequest<R extends { agent?: unknown }, S>(request: R, next: (request: R) => Promise<S>): Promise<S>;
}

/** Settings that point each client library at this Tessera and trust its CA in-process. */
export interface ClientSettings {
  /**
   * msal-node configuration: `new ConfidentialClientApplication(tessera.clients.msal({ clientId,
   * clientSecret }))`. The authority defaults to the default tenant's; `auth` fields and any
   * other configuration (`cache`, `system.loggerOptions`, …) given here win or are kept.
   */
  msal(auth: { clientId: string; [key: string]: unknown }, configuration?: Record<string, unknown>): MsalConfiguration;
  /** @azure/identity credential options: `new ClientSecretCredential(tenant, id, secret, tessera.clients.identity)`. */
  identity: {
    authorityHost: string;
    disableInstanceDiscovery: true;
    additionalPolicies: { policy: PipelinePolicyLike; position: 'perCall' }[];
  };
  /** Graph SDK options: `Client.initWithMiddleware({ ...tessera.clients.graph, authProvider })`. */
  graph: { baseUrl: string; customHosts: Set<string>; fetchOptions: { dispatcher: Dispatcher } };
  /** A fetch that trusts the CA: openid-client's `[customFetch]`, or `tessera.clients.fetch(url)`. */
  fetch: typeof globalThis.fetch;
  /** An undici dispatcher trusting the CA: `fetch(url, { dispatcher })`. */
  dispatcher: Dispatcher;
  /** A node:https Agent trusting the CA: `https.request({ agent })`, axios' `httpsAgent`, … */
  agent: HttpsAgent;
  /** Releases the pooled connections (close() does this). */
  close(): Promise<void>;
}

/** Settings for the server at `url` (its issuer base), serving a certificate of `caPem`. */
export function createClientSettings(options: { url: string; caPem: string; authority: () => string }): ClientSettings {
  const { url, caPem } = options;
  const origin = new URL(url);
  // An empty CA (plain HTTP, or an operator's certificate the system already trusts): defaults.
  const ca = caPem === '' ? undefined : caPem;
  const dispatcher = new UndiciAgent({ connect: { ca } });
  const agent = new HttpsAgent({ ca, keepAlive: true });
  const fetch = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher })) as unknown as typeof globalThis.fetch;
  const networkClient = msalNetworkClient(fetch);
  return {
    msal(auth, configuration = {}) {
      const system = (configuration.system ?? {}) as Record<string, unknown>;
      return {
        ...configuration,
        // knownAuthorities: msal-node 7 has no switch to skip instance discovery (README).
        auth: { authority: options.authority(), knownAuthorities: [origin.host], ...(configuration.auth as object | undefined), ...auth },
        system: { ...system, networkClient },
      };
    },
    identity: {
      authorityHost: url,
      disableInstanceDiscovery: true,
      additionalPolicies: [
        {
          position: 'perCall',
          policy: {
            name: 'tesseraTrustedCa',
            sendRequest(request, next) {
              request.agent ??= agent;
              return next(request);
            },
          },
        },
      ],
    },
    // Graph lives at the host root even when the protocol has a path prefix (spec/clients.md);
    // customHosts takes the bare host name, or the SDK silently sends no token.
    graph: { baseUrl: origin.origin, customHosts: new Set([origin.hostname]), fetchOptions: { dispatcher } },
    fetch,
    dispatcher,
    agent,
    async close() {
      agent.destroy();
      await dispatcher.close();
    },
  };
}
