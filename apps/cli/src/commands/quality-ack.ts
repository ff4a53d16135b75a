import type { Command } from 'commander';
import {
  acknowledgeFindings,
  type AppliedAcknowledgement,
  QUALITY_RULES,
  type QualityAcknowledgement,
} from '@hirelearn/monitoring';
import { CliError } from '../cli-error';
import { dateOption } from '../date-option';
import { withDocumentStore } from '../documents-option';
import { printFields, printJson, printTable } from '../output';

/** `by ada until 2026-12-13T09:00:00.000Z: why`, how an acknowledgement reads beside a finding. */
export function describeAcknowledgement(a: AppliedAcknowledgement): string {
  return `by ${a.who} until ${a.until}: ${a.why}`;
}

/** `RULE` or `RULE:EVENT_TYPE`, as the operator wrote it. */
export const ackTarget = (a: QualityAcknowledgement) =>
  a.event_type === null ? a.rule : `${a.rule}:${a.event_type}`;

/** The acknowledgements in force, as a table (what `hirelearn quality` lists). */
export function printAcknowledgements(acks: readonly QualityAcknowledgement[]): void {
  printTable(
    acks.map((a) => ({ ...a, target: ackTarget(a) })),
    ['target', 'who', 'until', 'why', '_id'],
  );
}

/**
 * `hirelearn quality ack RULE[:EVENT_TYPE] --who NAME --why TEXT [--until DATE]`: an
 * operator proceeds despite a rule's findings, on the record and for a limited time.
 */
export function registerQualityAck(quality: Command): void {
  quality
    .command('ack <target>')
    .description(
      `acknowledge a rule's findings (RULE, or RULE:EVENT_TYPE for one event type) so a critical one no longer blocks publishing, until it expires; rules: ${QUALITY_RULES.join(', ')}`,
    )
    .requiredOption('--who <name>', 'who takes the decision (recorded)')
    .requiredOption('--why <text>', 'why the data can be used anyway (recorded)')
    .option(
      '--until <date>',
      'when the acknowledgement expires (YYYY-MM-DD means its 00:00 UTC; default 7 days from now, at most 90)',
    )
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--json', 'print the recorded acknowledgement as JSON')
    .action(
      async (
        target: string,
        opts: { who: string; why: string; until?: string; documents?: string; json?: boolean },
      ) => {
        const until = dateOption('--until', opts.until);
        const ack = await withDocumentStore(opts.documents, (docs) =>
          acknowledgeFindings(docs, { target, who: opts.who, why: opts.why, until }).catch(
            (error: unknown) => {
              if (!(error instanceof RangeError)) throw error;
              throw new CliError(
                error.message,
                'hirelearn quality ack RULE[:EVENT_TYPE] --who NAME --why TEXT [--until YYYY-MM-DD]; `hirelearn quality` names the rule and event type of each finding',
              );
            },
          ),
        );
        if (opts.json) return printJson(ack);
        printFields({
          acknowledged: ackTarget(ack),
          who: ack.who,
          why: ack.why,
          until: ack.until,
          id: ack._id,
        });
      },
    );
}
