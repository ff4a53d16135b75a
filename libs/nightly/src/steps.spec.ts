import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import {
  getRun,
  nightlyRunsCollection,
  RunRecorder,
  settleStaleRuns,
  NightlyAlreadyRunningError,
  type NightlyRun,
} from './run-record';
import { DEFAULT_NIGHTLY_SETTINGS } from './settings';
import { checkStepOrder, pendingStep, runSteps, type NightlyStep } from './steps';

let docs: DocumentStore;
beforeEach(async () => {
  docs = await openDocumentStore('sqlite::memory:');
});
afterEach(() => docs.close());

const ok = (name: string, needs: string[] = [], value: unknown = name): NightlyStep => ({
  name,
  needs,
  run: async () => ({ value, produced: [`things/${name}`], summary: { n: 1 } }),
});
const failing = (name: string, needs: string[] = []): NightlyStep => ({
  name,
  needs,
  run: async () => {
    throw new Error(`${name} target unreachable`);
  },
});

async function record(steps: NightlyStep[], runId = 'run-1') {
  const recorder = await RunRecorder.begin(docs, {
    run_id: runId,
    window: { since: null, until: '2026-01-01' },
    steps: steps.map(pendingStep),
    now: new Date('2026-01-02T03:00:00Z'),
  });
  return recorder;
}

describe('runSteps', () => {
  it('records a failing step with its error, skips what needs it, runs what does not', async () => {
    const seen: unknown[] = [];
    const steps = [
      ok('gate'),
      failing('attribution', ['gate']),
      ok('optimize', ['attribution']),
      {
        ...ok('ramp'),
        run: async (v: ReadonlyMap<string, unknown>) => {
          seen.push(v.get('gate'));
          return { value: 1 };
        },
      },
      ok('monitor'),
    ];
    const recorder = await record(steps);
    const values = await runSteps(steps, recorder);
    const run = await recorder.finish();
    expect([...values.keys()]).toEqual(['gate', 'ramp', 'monitor']);
    expect(seen).toEqual(['gate']);
    expect(run.status).toBe('failed');
    expect(run.failed_steps).toEqual(['attribution']);
    const by = Object.fromEntries(run.steps.map((s) => [s.name, s]));
    expect(by.attribution.status).toBe('failed');
    expect(by.attribution.error).toBe('attribution target unreachable');
    expect(by.optimize.status).toBe('skipped');
    expect(by.optimize.error).toBe('skipped: needs attribution, which did not succeed');
    expect(by.monitor.status).toBe('ok');
    expect(by.gate.produced).toEqual(['things/gate']);
    expect(by.gate.duration_ms).toBeGreaterThanOrEqual(0);
    expect((await getRun(docs))!.run_id).toBe('run-1');
  });

  it('refuses an order where a step needs a later or unknown one', () => {
    expect(() => checkStepOrder([ok('a', ['b']), ok('b')])).toThrow(
      "step 'a' needs 'b', which is not an earlier step",
    );
    expect(() => checkStepOrder([ok('a'), ok('a')])).toThrow("step 'a' is declared twice");
  });
});

describe('settleStaleRuns', () => {
  it('marks a run whose process is gone interrupted, its running step failed', async () => {
    const steps = [ok('gate'), ok('attribution', ['gate'])];
    const recorder = await record(steps, 'run-dead');
    await recorder.step({ ...pendingStep(steps[0]), status: 'running', started_at: 'x' });
    // A process id no process has (above the kernel's pid_max).
    const runs = nightlyRunsCollection(docs);
    const doc = (await runs.get('run-dead'))!;
    await runs.replaceIf({ ...doc, pid: 2 ** 22 + 1 } as NightlyRun, doc.revision!);

    const settled = await settleStaleRuns(docs, new Date(), DEFAULT_NIGHTLY_SETTINGS);
    expect(settled).toEqual(['run-dead']);
    const run = (await getRun(docs, 'run-dead'))!;
    expect(run.status).toBe('interrupted');
    expect(run.failed_steps).toEqual(['gate']);
    expect(run.steps[0].error).toMatch(/^interrupted: its process \(pid 4194305 /);
    expect(run.steps[1].status).toBe('pending');
    // The dead run's own writer can no longer overwrite the verdict.
    await expect(recorder.finish()).rejects.toThrow(/changed by another process/);
  });

  it('refuses to start beside a live run', async () => {
    await record([ok('gate')], 'run-live');
    const runs = nightlyRunsCollection(docs);
    const doc = (await runs.get('run-live'))!;
    // This test's parent process: alive, and not this process.
    await runs.replaceIf({ ...doc, pid: process.ppid } as NightlyRun, doc.revision!);
    await expect(settleStaleRuns(docs, new Date(), DEFAULT_NIGHTLY_SETTINGS)).rejects.toThrow(
      NightlyAlreadyRunningError,
    );
  });
});
