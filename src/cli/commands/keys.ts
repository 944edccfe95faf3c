/**
 * `tessera keys list|rotate`: the token-signing keys (design.md Tokens and keys). Rotation
 * publishes before it signs: the `next` key becomes active and a new `next` key is created; the
 * old key stays published until every token it signed has expired. Running servers pick the
 * change up within their key cache lifetime (30 s).
 */
import type { Command } from 'commander';
import type { SigningKeyInfo } from '../../tokens/keys/keystore.js';
import { printJson, printTable } from '../output.js';
import { withAdmin, withStoreOptions, type StoreOptions } from '../options.js';

function print(keys: SigningKeyInfo[], json: boolean | undefined): void {
  if (json) return printJson(keys);
  printTable(
    ['kid', 'status', 'created', 'activated', 'published until', 'certificate expires'],
    keys.map((k) => [k.kid, k.status, k.createdAt, k.activatedAt, k.status === 'retired' ? k.retireUntil : null, k.notAfter]),
  );
}

/** Registers `keys` on the program. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('token-signing keys');
  withStoreOptions(keys.command('list').description('list the signing keys and their status'))
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { json?: boolean }) => {
      await withAdmin(options, async ({ keys: store }) => {
        await store.ensureKeys();
        print(await store.list(), options.json);
      });
    });
  withStoreOptions(keys.command('rotate').description('rotate: the next key starts signing, the active key retires (stays published), a new next key is created'))
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { json?: boolean }) => {
      await withAdmin(options, async ({ keys: store }) => {
        await store.ensureKeys();
        const after = await store.rotate();
        if (!options.json) console.log('Rotated the signing keys. Servers pick up the change within 30 seconds.');
        print(after, options.json);
      });
    });
}
