/** Terminal output of the CLI: aligned tables, or JSON with `--json`. */

/** Prints rows as an aligned table with a header, or "(none)". */
export function printTable(headers: string[], rows: Array<Array<string | number | null>>): void {
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const cells = rows.map((r) => r.map((c) => (c === null ? '-' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  console.log(line(headers));
  for (const r of cells) console.log(line(r));
}

/** Prints `value` as indented JSON. */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** `1 tenant`, `3 users`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
