/**
 * What `tessera start` puts in the directory before serving: the `--environment` file (applied
 * idempotently on every start), or on an empty database the demo environment. A warm start does
 * no heavy work here: applying an already-applied file only reads, and the demo is not re-applied.
 */
import { buildDemoInfo, readDemoInfo, writeDemoInfo, type DemoInfo } from '../environment/demo-info.js';
import { DEMO } from '../environment/demo-values.js';
import { summarizeApplied } from '../environment/summary.js';
import type { Runtime } from '../server/start.js';
import { formatDemoSummary } from './demo-summary.js';
import { configuredBaseUrl, formatAppliedSummary } from './environment-summary.js';

/**
 * What start-up prepared; `report(url)` prints it once the URL is known and tells whether what
 * it printed named the CA to trust (a summary does when there is a local CA), so that the
 * "listening" block does not repeat the line.
 */
export interface PreparedEnvironment {
  report(url: string): Promise<boolean>;
}

const NOTHING: PreparedEnvironment = { report: async () => false };

/** Applies the environment file or, on first start, the demo. */
export async function prepareEnvironment(runtime: Runtime): Promise<PreparedEnvironment> {
  const { config, directory } = runtime;
  if (config.environment !== null) {
    const { applyEnvironmentFile } = await import('../environment/apply.js');
    const source = config.environment;
    const applied = await applyEnvironmentFile(directory, source);
    // Generated secrets of this run live only in `applied`: printed once, never stored.
    const caFile = runtime.tls?.caFile ?? null;
    const print = (url: string, urlSource: 'server' | 'configuration') => {
      console.log(`\n${formatAppliedSummary(summarizeApplied(applied, { source, url, urlSource, caFile }))}\n`);
      return caFile !== null;
    };
    // They are committed already: a start that fails before report() (a port in use, say) would
    // lose them for good, so they are printed on the way out, under the configured URL.
    const onExit = () => print(configuredBaseUrl(config), 'configuration');
    if (applied.applications.some((a) => a.secrets.some((s) => s.generated && s.created))) process.once('exit', onExit);
    return {
      report: async (url) => {
        process.off('exit', onExit);
        return print(url, 'server');
      },
    };
  }
  if (config.noDemo) return NOTHING;
  // An empty database has no organization tenant (the consumers tenant always exists).
  if ((await directory.listTenants()).every((t) => t.kind === 'consumers')) {
    // The engine is loaded only when there is work for it: warm starts stay light.
    const { applyDemo } = await import('../environment/demo-apply.js');
    const demo = await applyDemo(directory, { dataDir: config.dataDir, now: runtime.now });
    return { report: (url) => reportDemo(runtime, url, () => Promise.resolve(buildDemoInfo(demo.applied, { url, caFile: runtime.tls?.caFile ?? null, files: demo.files }))) };
  }
  // Warm start: show the demo again if it is still there, from demo.json (no directory work).
  if ((await directory.getTenant(DEMO.tenant.id)) === undefined) return NOTHING;
  return {
    report: (url) =>
      reportDemo(runtime, url, async () => {
        const info = await readDemoInfo(config.dataDir);
        // The CA of this start (its directory may have moved, `--ca-dir`).
        return info === null ? null : { ...info, url, caFile: runtime.tls?.caFile ?? null, tenants: info.tenants.map((t) => ({ ...t, authority: `${url}/${t.id}` })) };
      }),
  };
}

async function reportDemo(runtime: Runtime, url: string, info: () => Promise<DemoInfo | null>): Promise<boolean> {
  const demo = await info();
  if (demo === null) return false;
  const file = await writeDemoInfo(runtime.config.dataDir, demo);
  console.log(`\n${formatDemoSummary(demo, file)}\n`);
  return demo.caFile !== null;
}
