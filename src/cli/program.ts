/**
 * The `tessera` program (commander): `start`, `apply`, `keys`, `tenants`, `users`, `apps`, `consent`, each
 * with `--help`. Usage errors throw (exitOverride) so `main.ts` chooses the exit code.
 */
import { Command } from 'commander';
import { tesseraVersion } from '../lib/version.js';
import { registerApply } from './commands/apply.js';
import { registerApps } from './commands/apps.js';
import { registerCa } from './commands/ca.js';
import { registerConsent } from './commands/consent.js';
import { registerKeys } from './commands/keys.js';
import { registerStart } from './commands/start.js';
import { registerTenants } from './commands/tenants.js';
import { registerUsers } from './commands/users.js';

const HELP_HINT = '(add --help for more information)';

/** The program with every command registered. */
export function createProgram(): Command {
  const program = new Command('tessera')
    .description('Self-hosted identity platform that speaks Microsoft Entra ID and Microsoft Graph')
    .version(tesseraVersion())
    .showHelpAfterError(HELP_HINT)
    .exitOverride();
  registerStart(program);
  registerApply(program);
  registerKeys(program);
  registerTenants(program);
  registerUsers(program);
  registerApps(program);
  registerCa(program);
  registerConsent(program);
  // Subcommands inherit these settings only when set before they are added: set them everywhere.
  const configure = (command: Command) => {
    command.exitOverride().showHelpAfterError(HELP_HINT);
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}
