/**
 * The per-user local CA (issue 8 item 1): in-process instances (`startTessera()` without a
 * `dataDir`) all serve certificates from one CA per user, so a test runner can trust it once —
 * `NODE_EXTRA_CA_CERTS` in its config, which Node reads only at process start — instead of
 * meeting a fresh CA per instance. `tessera ca path` prints it. `tessera start` keeps its CA in
 * the data directory (self-contained, e.g. a container volume) unless `--ca-dir` says otherwise.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `TESSERA_CA_DIR`, else `$XDG_DATA_HOME/tessera` (default `~/.local/share/tessera`; on Windows
 * `%LOCALAPPDATA%\tessera`). Always absolute: the path is printed and put in client settings.
 */
export function userCaDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TESSERA_CA_DIR) return resolve(env.TESSERA_CA_DIR);
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'tessera');
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'tessera');
}
