/** The yardstick for Graph reads: a bare Fastify HTTPS endpoint answering a small JSON body. */
import Fastify from 'fastify';

const [certFile, keyFile] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const app = Fastify({ https: { cert: readFileSync(certFile as string), key: readFileSync(keyFile as string) }, logger: false });
app.get('/bare', async () => ({ id: '00000000-0000-0000-0000-000000000000', displayName: 'bare' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n');
