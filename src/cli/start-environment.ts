/**
 * What `tessera start` puts in the directory before serving: the `--environment` file (applied
 * idempotently on every start), or on an empty database the demo environment. A warm start does
 * no heavy work here: applying an already-applied file only reads, and the demo is not re-applied.
 */
import { buildDemoInfo, readDemoInfo, writeDemoInfo, type DemoInfo } from '../environment/demo-info.js';
import { DEMO } from '../environment/demo-values.js';
import type { AppliedEnvironment } from '../environment/result.js';
import type { Runtime } from '../server/start.js';
import { formatDemoSummary } from './demo-summary.js';
import { plural } from './output.js';

/** What start-up prepared; `report(url)` prints it once the URL is known. */
export interface PreparedEnvironment {
  report(url: string): Promise<void>;
}

/** Applies the environment file or, on first start, the demo. */
export async function prepareEnvironment(runtime: Runtime): Promise<PreparedEnvironment> {
  const { config, directory } = runtime;
  if (config.environment !== null) {
    const { applyEnvironmentFile } = await import('../environment/apply.js');
    const applied = await applyEnvironmentFile(directory, config.environment);
    return { report: async () => console.log(describeApplied(config.environment ?? '', applied)) };
  }
  if (config.noDemo) return { report: async () => undefined };
  // An empty database has no organization tenant (the consumers tenant always exists).
  if ((await directory.listTenants()).every((t) => t.kind === 'consumers')) {
    // The engine is loaded only when there is work for it: warm starts stay light.
    const { applyDemo } = await import('../environment/demo-apply.js');
    const demo = await applyDemo(directory, { dataDir: config.dataDir, now: runtime.now });
    return { report: (url) => reportDemo(runtime, url, () => Promise.resolve(buildDemoInfo(demo.applied, { url, caFile: runtime.tls?.caFile ?? null, files: demo.files }))) };
  }
  // Warm start: show the demo again if it is still there, from demo.json (no directory work).
  if ((await directory.getTenant(DEMO.tenant.id)) === undefined) return { report: async () => undefined };
  return {
    report: (url) =>
      reportDemo(runtime, url, async () => {
        const info = await readDemoInfo(config.dataDir);
        return info === null ? null : { ...info, url, tenants: info.tenants.map((t) => ({ ...t, authority: `${url}/${t.id}` })) };
      }),
  };
}

async function reportDemo(runtime: Runtime, url: string, info: () => Promise<DemoInfo | null>): Promise<void> {
  const demo = await info();
  if (demo === null) return;
  const file = await writeDemoInfo(runtime.config.dataDir, demo);
  console.log(`\n${formatDemoSummary(demo, file)}\n`);
}

/** `Applied env.yaml: created 1 tenant, 3 users (…)`, plus warnings. */
export function describeApplied(source: string, applied: AppliedEnvironment): string {
  const c = applied.created;
  const parts = [
    plural(c.tenants, 'tenant'),
    plural(c.users, 'user'),
    plural(c.groups, 'group'),
    plural(c.applications, 'application'),
    plural(c.secrets, 'secret'),
    plural(c.certificates, 'certificate'),
    plural(c.members, 'group member'),
    plural(c.consents, 'consent'),
  ].filter((p) => !p.startsWith('0 '));
  const lines = [`Applied ${source}: ${parts.length === 0 ? 'already up to date, nothing created' : `created ${parts.join(', ')}`}`];
  for (const w of applied.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}
