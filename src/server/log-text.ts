/**
 * Text mode of the logs (server/log-output.ts): one of pino's JSON lines in, one readable line
 * out. The access line (server/request-log.ts) reads
 *   `12:03:04.123 POST /contoso/oauth2/v2.0/token 401 3ms client=… AADSTS7000215 correlation=… trace=…`
 * and any other entry
 *   `12:03:04.123 WARN protocol error aadsts=50126 trace=…` (with `err: …` and, for errors, the stack).
 * Values a client chose (a client id) are quoted when they hold spaces or control characters, so
 * no request can forge a line.
 */

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const ERROR_LEVEL = 50;
// pino's own fields, printed in their place rather than as key=value.
const OWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'traceId', 'err']);

type Entry = Record<string, unknown>;

/** One pino JSON line (with or without its newline) as one text line, newline included. */
export function formatLogLine(json: string): string {
  let entry: Entry;
  try {
    entry = JSON.parse(json) as Entry;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  if (entry === null || typeof entry !== 'object') return `${json.trimEnd()}\n`;
  const time = clock(entry.time);
  if (entry.msg === 'request' && typeof entry.route === 'string') return `${time} ${accessLine(entry)}\n`;
  const level = LEVELS[entry.level as number] ?? String(entry.level);
  const parts = [time, level, message(entry.msg)];
  for (const [key, value] of Object.entries(entry)) {
    if (!OWN.has(key) && value !== undefined) parts.push(`${key}=${text(value)}`);
  }
  if (typeof entry.traceId === 'string') parts.push(`trace=${entry.traceId}`);
  return `${parts.filter((p) => p !== '').join(' ')}${errorText(entry.err, (entry.level as number) >= ERROR_LEVEL)}\n`;
}

function accessLine(e: Entry): string {
  const parts = [text(e.method), text(e.route), String(e.status), `${String(e.durationMs)}ms`];
  if (e.clientId !== undefined) parts.push(`client=${text(e.clientId)}`);
  if (e.errorCode !== undefined) parts.push(text(e.errorCode));
  if (e.correlationId !== undefined) parts.push(`correlation=${text(e.correlationId)}`);
  if (e.traceId !== undefined) parts.push(`trace=${text(e.traceId)}`);
  return parts.join(' ');
}

/** Local wall-clock time with milliseconds: the date is in every terminal's scrollback already. */
function clock(time: unknown): string {
  const d = typeof time === 'number' ? new Date(time) : new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** The message as written, on one line. */
function message(value: unknown): string {
  const s = typeof value === 'string' ? value : text(value);
  return s.replace(/\p{Cc}/gu, (c) => JSON.stringify(c).slice(1, -1));
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return /[\s"\\\p{Cc}]/u.test(s) ? JSON.stringify(s) : s;
}

/** ` err: Type: message` and, at error level, the stack on indented lines. */
function errorText(err: unknown, withStack: boolean): string {
  if (err === undefined || err === null) return '';
  if (typeof err !== 'object') return ` err=${text(err)}`;
  const { type, message, stack } = err as { type?: unknown; message?: unknown; stack?: unknown };
  const head = ` err=${text(`${typeof type === 'string' ? `${type}: ` : ''}${typeof message === 'string' ? message : ''}`)}`;
  if (!withStack || typeof stack !== 'string') return head;
  // The stack's first line repeats the message; the frames follow, indented.
  const frames = stack.split('\n').slice(1).map((line) => `\n    ${line.trim().replace(/\p{Cc}/gu, '?')}`);
  return `${head}${frames.join('')}`;
}
