import type { Command } from 'commander';
import {
  ConfigChannel,
  configLayer,
  RECOMMENDATION_STATUSES,
  RecommendationStore,
  type Decision,
  type RecommendationStatus,
  type StoredRecommendation,
} from '@hirelearn/config';
import { nightlyEvidenceCheck } from '@hirelearn/nightly';
import type { DocumentStore } from '@hirelearn/store';
import { CliError } from '../cli-error';
import { withDocumentStore } from '../documents-option';
import { briefJson, printFields, printJson, printTable, readable } from '../output';

const store = (documents: DocumentStore) =>
  new RecommendationStore(documents, new ConfigChannel({ documents }));

function printRecommendation(r: StoredRecommendation): void {
  const i = r.expected_impact;
  printFields({
    id: r.recommendation_id,
    status: r.status,
    component: r.component,
    layer: r.layer,
    parameter: r.parameter,
    current: briefJson(r.current_value, 200),
    recommended: briefJson(r.recommended_value, 200),
    expected_impact: `${i.metric} ${readable(i.estimate)} ${i.unit} [${readable(i.interval[0])}, ${readable(i.interval[1])}]`,
    confidence: r.confidence,
    risk: r.risk,
    route: `${r.route}: ${r.route_reason}`,
    evidence: r.evidence.map((e) => `${e.kind} ${e.id}: ${e.summary}`).join('; '),
    ...(r.reasons.length > 0 && { reasons: r.reasons.join('; ') }),
    saved_at: r.saved_at,
    ...(r.run_id && { run: r.run_id }),
    ...(r.superseded_by && { superseded_by: r.superseded_by }),
    ...(r.decision && {
      decision: `${r.decision.decision} by ${r.decision.by} at ${r.decision.at}: ${r.decision.reason}`,
    }),
    ...(r.decision?.published_version != null && {
      published: `layer ${r.layer} version ${r.decision.published_version}`,
    }),
  });
}

function statusOption(value: string | undefined): RecommendationStatus | undefined {
  if (value === undefined) return undefined;
  if (!RECOMMENDATION_STATUSES.includes(value as RecommendationStatus))
    throw new CliError(`--status: '${value}' is not one of ${RECOMMENDATION_STATUSES.join(', ')}`);
  return value as RecommendationStatus;
}

function registerDecision(recommendations: Command, decision: Decision): void {
  recommendations
    .command(`${decision} <id>`)
    .description(
      decision === 'approve'
        ? "approve a pending recommendation: publishes its value to the layer's config, recorded with who, when, why and the evidence"
        : 'reject a pending recommendation, recorded with who, when, why and the evidence',
    )
    .requiredOption('--who <name>', 'who decides (recorded)')
    .requiredOption('--why <text>', 'why (recorded)')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--json', 'print the decided recommendation (and the version published) as JSON')
    .action(
      async (
        id: string,
        opts: { who: string; why: string; documents?: string; json?: boolean },
      ) => {
        const result = await withDocumentStore(opts.documents, (documents) =>
          store(documents).decide(id, {
            decision,
            by: opts.who,
            reason: opts.why,
            evidence_check: nightlyEvidenceCheck(documents),
          }),
        );
        if (opts.json) return printJson(result);
        printRecommendation(result.recommendation);
      },
    );
}

/**
 * `hirelearn recommendations list|show|approve|reject`: the optimizers' recommendations and
 * their review, on the document store opened here (who decides is --who).
 */
export function registerRecommendations(program: Command): void {
  const recommendations = program
    .command('recommendations')
    .description(
      "the optimizers' recommendations: review, approve (publishes the config) or reject",
    );

  recommendations
    .command('list')
    .description('recommendations, oldest first')
    .option('--status <status>', `only these: ${RECOMMENDATION_STATUSES.join(', ')}`)
    .option('--layer <layer>', 'only those for this layer (2, 5, 6)')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--json', 'print as JSON')
    .action(
      async (opts: { status?: string; layer?: string; documents?: string; json?: boolean }) => {
        const status = statusOption(opts.status);
        let layer;
        try {
          layer = opts.layer === undefined ? undefined : configLayer(opts.layer);
        } catch (error) {
          throw new CliError(`--layer: ${(error as Error).message}`);
        }
        const rows = await withDocumentStore(
          opts.documents,
          (documents) => store(documents).list({ status, layer }),
          { readOnly: true },
        );
        if (opts.json) return printJson(rows);
        printTable(
          rows.map((r) => ({
            ...r,
            id: r.recommendation_id,
            recommended: briefJson(r.recommended_value),
            impact: `${readable(r.expected_impact.estimate)} ${r.expected_impact.unit}`,
            confidence: readable(r.confidence, 2),
          })),
          ['id', 'status', 'layer', 'parameter', 'recommended', 'impact', 'confidence', 'route'],
        );
      },
    );

  recommendations
    .command('show <id>')
    .description(
      'one recommendation: the change, its expected impact, evidence, route and decision',
    )
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { documents?: string; json?: boolean }) => {
      const r = await withDocumentStore(opts.documents, (documents) => store(documents).show(id), {
        readOnly: true,
      });
      if (opts.json) return printJson(r);
      printRecommendation(r);
    });

  registerDecision(recommendations, 'approve');
  registerDecision(recommendations, 'reject');
}
