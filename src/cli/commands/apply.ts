/**
 * `tessera apply FILE`: validate, resolve and apply an environment file in one transaction.
 * An invalid file is refused with the path of each bad field (exit code 2) and changes nothing.
 * Prints what the environment consists of; a secret Tessera generates is printed in this run
 * only (text or `--json`), as Entra shows a secret's value once, at creation.
 */
import type { Command } from 'commander';
import { configuredBaseUrl, formatAppliedSummary } from '../environment-summary.js';
import { printJson } from '../output.js';
import { withAdmin, withStoreOptions, type StoreOptions } from '../options.js';

/** Registers `apply` on the program. */
export function registerApply(program: Command): void {
  withStoreOptions(
    program
      .command('apply')
      .description('apply an environment file (YAML or JSON) idempotently, in one transaction')
      .argument('<file>', 'environment file'),
  )
    .option('--json', 'print what the environment consists of as JSON (generated secrets of this run included)')
    .action(async (file: string, options: StoreOptions & { json?: boolean }) => {
      const [{ loadEnvironmentFile }, { applyEnvironment }, { summarizeApplied }] = await Promise.all([
        import('../../environment/parse.js'),
        import('../../environment/apply.js'),
        import('../../environment/summary.js'),
      ]);
      // Validate before touching the database: an invalid file never opens (or creates) it.
      const loaded = await loadEnvironmentFile(file);
      const { applied, config } = await withAdmin(options, async ({ directory, config }) => ({
        applied: await applyEnvironment(directory, loaded.environment, { baseDir: loaded.baseDir, source: file }),
        config,
      }));
      // No server is asked: the authorities are those the configuration implies.
      const summary = summarizeApplied(applied, { source: file, url: configuredBaseUrl(config), urlSource: 'configuration', caFile: null });
      if (options.json) printJson(summary);
      else console.log(formatAppliedSummary(summary));
    });
}
