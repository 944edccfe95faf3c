/**
 * `tessera ca path`: where the local CA is, created when missing, so that
 * `export NODE_EXTRA_CA_CERTS=$(tessera ca path)` works at once. Without options it is the
 * per-user CA every in-process instance (`startTessera()`) serves from (server/user-ca.ts); with
 * `--data-dir` / `--ca-dir` / `--config`, the CA of that `tessera start` configuration.
 */
import type { Command } from 'commander';

interface CaPathOptions {
  dataDir?: string;
  caDir?: string;
  config?: string;
}

/** Registers `ca` on the program. */
export function registerCa(program: Command): void {
  const ca = program.command('ca').description('the local certificate authority clients trust');
  ca.command('path')
    .description('print the path of the local CA certificate (created when missing): the per-user CA of in-process instances, or a data directory\'s')
    .option('--data-dir <dir>', 'the CA of this data directory (as `tessera start --data-dir`)')
    .option('--ca-dir <dir>', 'the CA in this directory')
    .option('--config <file>', 'configuration file (JSON or YAML)')
    .action(async (options: CaPathOptions) => {
      const [{ ensureTlsMaterial }, { userCaDir }] = await Promise.all([import('../../server/tls.js'), import('../../server/user-ca.js')]);
      let dir: string;
      if (options.dataDir === undefined && options.caDir === undefined && options.config === undefined) {
        dir = userCaDir();
      } else {
        const { loadConfig } = await import('../../config/load.js');
        const config = loadConfig({ flags: { dataDir: options.dataDir, caDir: options.caDir }, env: process.env, configFile: options.config ?? null });
        dir = config.caDir ?? config.dataDir;
      }
      const material = await ensureTlsMaterial(dir, []);
      console.log(material.caFile);
    });
}
