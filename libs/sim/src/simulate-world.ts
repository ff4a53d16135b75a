import type { HirelearnEvent } from '@hirelearn/contract';
import type { ApplicationTruth } from './journey';
import type { SimSettings } from './settings';
import type { SimTruth } from './truth';
import { WorldRun } from './world-run';

/** A whole simulated world in memory: for tests and small demos. */
export interface SimWorld {
  readonly settings: SimSettings;
  /** The lines of events.ndjson exactly as `writeWorld` writes them (mess included). */
  readonly lines: readonly string[];
  /** Every valid event once (no duplicates, no bad lines), in time order (before the local shuffle). */
  readonly events: readonly HirelearnEvent[];
  /** Hidden per-application truth (true probability, treatments), erasure requests excluded. */
  readonly applications: readonly ApplicationTruth[];
  readonly truth: SimTruth;
}

/** Simulates the world in memory; the same settings always give the same world. */
export function simulateWorld(settings: SimSettings): SimWorld {
  const lines: string[] = [];
  const events: HirelearnEvent[] = [];
  const applications: ApplicationTruth[] = [];
  const run = new WorldRun(settings, (line) => lines.push(line), {
    onEvent: (event) => events.push(event),
    onApplication: (row) => applications.push(row),
  });
  for (let day = 0; day < run.days; day++) run.runDay(day);
  const truth = run.finish();
  return { settings, lines, events, applications, truth };
}
