import { loadavg } from 'node:os';

/** The machine's load average over 1, 5 and 15 minutes (`2.1 1.8 1.5`): every figure's context. */
export const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
