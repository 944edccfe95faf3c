/**
 * `tessera apply FILE`: validate, resolve and apply an environment file in one transaction.
 * An invalid file is refused with the path of each bad field (exit code 2) and changes nothing.
 */
import type { Command } from 'commander';
import { printJson } from '../output.js';
import { withAdmin, withStoreOptions, type StoreOptions } from '../options.js';
import { describeApplied } from '../start-environment.js';

/** Registers `apply` on the program. */
export function registerApply(program: Command): void {
  withStoreOptions(
    program
      .command('apply')
      .description('apply an environment file (YAML or JSON) idempotently, in one transaction')
      .argument('<file>', 'environment file'),
  )
    .option('--json', 'print what the environment consists of as JSON')
    .action(async (file: string, options: StoreOptions & { json?: boolean }) => {
      const [{ loadEnvironmentFile }, { applyEnvironment }] = await Promise.all([import('../../environment/parse.js'), import('../../environment/apply.js')]);
      // Validate before touching the database: an invalid file never opens (or creates) it.
      const loaded = await loadEnvironmentFile(file);
      const applied = await withAdmin(options, ({ directory }) => applyEnvironment(directory, loaded.environment, { baseDir: loaded.baseDir, source: file }));
      if (options.json) printJson(applied);
      else console.log(describeApplied(file, applied));
    });
}
