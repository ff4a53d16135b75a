import type { Command } from 'commander';
import { registryTarget, runMonitor } from '@hirelearn/monitoring';
import { NightlyAlreadyRunningError, runNightly, type NightlyRun } from '@hirelearn/nightly';
import { Registry } from '@hirelearn/registry';
import { CliError } from '../cli-error';
import { dateOption } from '../date-option';
import { withDocumentStore } from '../documents-option';
import { printJson, printTable, progressReporter } from '../output';
import {
  clientSecurityFrom,
  clientSecurityOptions,
  type ClientSecurityOpts,
} from '../security-options';
import { dbOption, withEventStore } from '../store-option';
import { runNowOverGrpc } from './monitor';

interface NightlyOpts extends ClientSecurityOpts {
  json?: boolean;
  db?: string;
  documents?: string;
  artifacts?: string;
  since?: string;
  until?: string;
  monitor?: string;
}

/** `hirelearn nightly`: one recorded run of the whole loop. */
export function registerNightly(program: Command): void {
  clientSecurityOptions(program.command('nightly'))
    .description(
      'one recorded run: quality gate, attribution (stored), optimizers, recommendations (saved, routed, auto-applied ones published), experiment ramps, monitor pass, feedback-loop check; exits 1 naming a failed step',
    )
    .option('--json', 'print the run record as JSON')
    .addOption(dbOption('opened read-only'))
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option(
      '--artifacts <dir>',
      'artifact folder of the model registry (default HIRELEARN_ARTIFACTS)',
    )
    .option('--since <date>', 'analyse the applications submitted at or after this date')
    .option('--until <date>', 'analyse the applications submitted before this date')
    .option(
      '--monitor <host:port>',
      'ask a served drift monitor for the monitor pass over gRPC (default: a pass in this process)',
    )
    .action(async (opts: NightlyOpts) => {
      const window = {
        since: dateOption('--since', opts.since),
        until: dateOption('--until', opts.until),
      };
      const attribution = progressReporter('nightly: attribution');
      const personalize = progressReporter('nightly: personalize');
      const run = await withEventStore(
        opts.db,
        (events) =>
          withDocumentStore(opts.documents, async (documents) => {
            const monitor = opts.monitor
              ? () =>
                  runNowOverGrpc(opts.monitor!, clientSecurityFrom(opts)).catch((e: Error) => {
                    throw new Error(`drift monitor at ${opts.monitor}: ${e.message}`);
                  })
              : async () =>
                  runMonitor({
                    events,
                    documents,
                    registry: registryTarget(
                      await Registry.open({
                        documents,
                        artifactsDir: opts.artifacts ?? process.env.HIRELEARN_ARTIFACTS,
                      }),
                    ),
                  });
            try {
              return await runNightly({
                events,
                documents,
                window,
                monitor,
                on_start: (id, interrupted) => {
                  for (const old of interrupted) {
                    process.stderr.write(`nightly: run ${old} was interrupted; marked so\n`);
                  }
                  process.stderr.write(`nightly: run ${id} started\n`);
                },
                on_progress: (p) => {
                  if (p.step === 'attribution' && p.status !== 'running') attribution.done();
                  if (p.step === 'personalize' && p.status !== 'running') personalize.done();
                  process.stderr.write(`nightly: [${p.step}] ${p.status}: ${p.message}\n`);
                },
                on_attribution_progress: (done, total, treatment) =>
                  attribution.update(`${done} of ${total} treatments (last: ${treatment})`),
                on_personalize_progress: (done, total) =>
                  personalize.update(`${done} of ${total} users published`),
              });
            } catch (e) {
              if (e instanceof NightlyAlreadyRunningError) {
                throw new CliError(e.message, 'run `hirelearn runs show` to see how far it got');
              }
              throw e;
            }
          }),
        { readOnly: true },
      );
      if (opts.json) printJson(run);
      else printRun(run);
      if (run.status !== 'ok') {
        const failed = run.steps.filter((s) => s.status === 'failed');
        process.stderr.write(
          `hirelearn: nightly run ${run.run_id} failed at ${failed.map((s) => `step ${s.name} (${s.error})`).join('; ') || run.error}\n`,
        );
        // Exit 2 when only the data-quality gate failed, as `attribution` and `quality
        // --fail-on-critical`: the run worked, the data did not (a scheduler can tell them apart).
        const onlyTheGate = failed.length === 1 && failed[0].name === 'quality_gate';
        process.exitCode = onlyTheGate ? 2 : 1;
      }
    });
}

/** A run as text: its header, then a line per step. */
export function printRun(run: NightlyRun): void {
  process.stdout.write(
    `run ${run.run_id}: ${run.status}, ${run.started_at} .. ${run.finished_at ?? '-'}` +
      ` (window ${run.window.since ?? '-'} .. ${run.window.until ?? '-'})\n\n`,
  );
  printTable(
    run.steps.map((s) => ({
      step: s.name,
      needs: s.needs.join(','),
      status: s.status,
      seconds: s.duration_ms === null ? '' : (s.duration_ms / 1000).toFixed(1),
      produced: s.produced.length,
      note: s.error ?? s.findings.join('; '),
    })),
    ['step', 'needs', 'status', 'seconds', 'produced', 'note'],
  );
  if (run.error && run.steps.every((s) => s.error !== run.error)) {
    process.stdout.write(`\nerror: ${run.error}\n`);
  }
}
