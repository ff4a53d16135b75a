/** How a command reports: JSON for machines, aligned text for people. */
export interface Output {
  readonly json: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as an aligned table with a header. */
export function printTable(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): void {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line([...columns])}\n`);
  for (const r of rows) process.stdout.write(`${line(columns.map((c) => cell(r[c])))}\n`);
}

/** JSON on one line, cut to `max` characters with how much was left out (`--json` has it whole). */
export function briefJson(value: unknown, max = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length} chars; --json for all)`;
}

/** A number for people: `digits` significant digits, no float noise. */
export function readable(x: number, digits = 3): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x);
}

/** Key-value lines, keys aligned. */
export function printFields(fields: Readonly<Record<string, unknown>>): void {
  const width = Math.max(...Object.keys(fields).map((k) => k.length));
  for (const [k, v] of Object.entries(fields)) {
    const text = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    process.stdout.write(`${k.padEnd(width)}  ${text}\n`);
  }
}

/** A progress line on stderr, rewritten in place on a terminal, at most every 500 ms otherwise. */
export function progressReporter(label: string): {
  update: (text: string) => void;
  done: () => void;
} {
  let last = 0;
  const tty = process.stderr.isTTY === true;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < (tty ? 100 : 2000)) return;
      last = now;
      process.stderr.write(tty ? `\r${label}: ${text}\x1b[K` : `${label}: ${text}\n`);
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}
