/**
 * Generates docs/configuration.md (from the doc comments in src/config/defaults.ts) and
 * docs/errors.md (from the AADSTS catalog), as oidc-provider and Fastify do; a test fails when
 * the committed files drift from what this script would write (shared/style.md convention 5).
 * Usage: `npx tsx scripts/gen-docs.ts` (writes) or import `renderDocs()`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AADSTS } from '../src/protocol/aadsts.js';

const root = new URL('..', import.meta.url).pathname;

export function renderConfigurationDoc(): string {
  const source = readFileSync(join(root, 'src/config/defaults.ts'), 'utf8');
  const rows: string[] = [];
  // A doc comment may not contain `*/`: otherwise a match could start at the file's header
  // comment and swallow everything up to the first setting.
  const pattern = /\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\s*\n\s*(\w+):\s*([^\n]+?),?\n/g;
  for (const match of source.matchAll(pattern)) {
    const [, doc = '', name = '', value = ''] = match;
    if (name === 'defaults') continue;
    const text = doc.replace(/\n\s*\*\s?/g, ' ').replace(/\s+/g, ' ').trim();
    rows.push(`| \`${name}\` | \`${value.replace(/,$/, '').replace(/\|/g, '\\|')}\` | ${text.replace(/\|/g, '\\|')} |`);
  }
  return `# Configuration

Generated from \`src/config/defaults.ts\` by \`npx tsx scripts/gen-docs.ts\`; do not edit by hand.

Sources, highest first: command-line flags, \`TESSERA_*\` environment variables, a config file
(JSON or YAML; \`--config FILE\` or \`TESSERA_CONFIG\`), these defaults. The merged configuration is
validated at start; an invalid value stops the server with the name of the bad setting.
Secrets never go in the config file: \`TESSERA_MASTER_KEY\` (seals signing keys and TOTP secrets at rest) is read
from the environment only.

| setting | default | meaning |
|---|---|---|
${rows.join('\n')}

${LOGS_SECTION}`;
}

// The access log's fields, as src/server/request-log.ts writes them.
const LOGS_SECTION = `## Logs

At \`info\` (the default \`logLevel\`) every request logs one line when its response is sent;
warnings and errors add lines of their own with the same trace id. On a terminal (\`logFormat\`
\`auto\` or \`text\`):

\`\`\`text
12:03:04.123 POST /contoso.onmicrosoft.com/oauth2/v2.0/token 401 3.1ms client=7e55e4a0-… AADSTS7000215 correlation=… trace=…
\`\`\`

As JSON lines (\`json\`, or \`auto\` when standard output is not a terminal), pino's own:
\`level\` (30 = info), \`time\` (ms since the epoch), \`pid\`, \`hostname\`, \`traceId\`, \`method\`,
\`route\` (the path, with the tenant, without the query string), \`status\`, \`durationMs\`,
\`clientId\` (the \`client_id\` form or query parameter, when sent), \`errorCode\` (the AADSTS code,
e.g. \`AADSTS7000215\`, or Graph's, e.g. \`Authorization_RequestDenied\`, when the answer is an
error), \`correlationId\` (the client's \`client-request-id\` when it is a GUID, else a fresh one, as in
Entra's error bodies) and \`msg: "request"\`. The trace id is the \`trace_id\` of Entra's error bodies, the
Request Id of error pages and Graph's \`request-id\` header. Secrets, tokens, codes, passwords,
cookies, query strings and headers are never logged (docs/security.md). In-process,
\`startTessera({ logDestination })\` sends the lines to a file or stream.
`;

export function renderErrorsDoc(): string {
  const rows = Object.entries(AADSTS).map(
    ([code, e]) => `| AADSTS${code} | \`${e.error}\` | ${e.status} | ${e.message.replace(/\|/g, '\\|')} |`,
  );
  return `# Errors

Generated from \`src/protocol/aadsts.ts\` by \`npx tsx scripts/gen-docs.ts\`; do not edit by hand.

Every protocol error is Entra's JSON (\`error\`, \`error_description\` with the AADSTS line and
Trace ID / Correlation ID / Timestamp lines, \`error_codes\`, \`timestamp\`, \`trace_id\`,
\`correlation_id\` echoing \`client-request-id\`, \`error_uri\`). \`{0}\`, \`{1}\` are filled with the
request's values. Discovery and JWKS answer an unknown tenant with \`invalid_tenant\`, the token
endpoint with \`invalid_request\` (Entra does the same).

| code | OAuth \`error\` | HTTP | message |
|---|---|---|---|
${rows.join('\n')}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(root, 'docs/configuration.md'), renderConfigurationDoc());
  writeFileSync(join(root, 'docs/errors.md'), renderErrorsDoc());
  process.stdout.write('wrote docs/configuration.md and docs/errors.md\n');
}
