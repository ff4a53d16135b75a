import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  coldStartInsights,
  DAY_ONE_FIELDS,
  nextQuestion,
  type ColdStartInsights,
  type ColdStartModel,
  type DayOneField,
  type EditEffectInput,
  type NextQuestion,
} from '@hirelearn/ml';
import { loadAttribution } from '@hirelearn/nightly';
import { InvalidArgumentError } from '@hirelearn/rpc';
import { Registry, registryServiceSettings } from '@hirelearn/registry';
import {
  answerOf,
  COLD_START_MODEL,
  dayOneOfRequest,
  newUsersFromEvents,
  parseColdStart,
  type DayOneRequest,
} from '@hirelearn/services';
import type * as pb from '@hirelearn/proto';
import { openDocumentStore } from '@hirelearn/store';
import { CliError } from '../cli-error';
import { printJson } from '../output';

interface ColdStartOpts {
  events: string;
  answer: string[];
  user?: string;
  documents?: string;
  artifacts?: string;
  json?: boolean;
}

/** One user's answer: the day-one insights and the question to ask next. */
interface UserAnswer {
  readonly user_id: string;
  readonly insights: ColdStartInsights;
  readonly next_question: NextQuestion;
}

/**
 * The production cold-start model and its version, read from the registry on this machine
 * (the document store read-only, the artifact verified against its sha256) and loaded with
 * the service's own loader, and the edit effects of the newest stored attribution (the
 * first edits are chosen from them, as the service does).
 */
async function productionModel(opts: ColdStartOpts): Promise<{
  model: ColdStartModel;
  version: number;
  effects: readonly EditEffectInput[];
}> {
  const settings = registryServiceSettings(process.env, {
    documentsUrl: opts.documents,
    artifactsDir: opts.artifacts,
  });
  const documents = await openDocumentStore(settings.documentsUrl, { readOnly: true });
  try {
    const registry = await Registry.open({ documents, artifactsDir: settings.artifactsDir });
    try {
      const v = await registry.production(COLD_START_MODEL);
      if (!v) {
        throw new CliError(
          `no production version of ${COLD_START_MODEL} in the registry`,
          `train and register one with: hirelearn models train ${COLD_START_MODEL} --register, then hirelearn models promote ${COLD_START_MODEL} VERSION`,
        );
      }
      return {
        model: parseColdStart(await registry.loadArtifact(v)),
        version: v.version,
        effects: (await loadAttribution(documents))?.effects ?? [],
      };
    } finally {
      registry.close();
    }
  } finally {
    await documents.close();
  }
}

/** `--answer FIELD=VALUE` as the answer a ColdStart request carries. */
function parseAnswer(text: string): pb.QuestionAnswer {
  const at = text.indexOf('=');
  const field = at < 0 ? text : text.slice(0, at);
  if (at < 0 || !(DAY_ONE_FIELDS as readonly string[]).includes(field)) {
    throw new CliError(
      `--answer: '${text}' is not FIELD=VALUE with a day-one field`,
      `fields: ${DAY_ONE_FIELDS.join(', ')}`,
    );
  }
  return answerOf(field as DayOneField, text.slice(at + 1));
}

/** A user's day-one request with the answers, or the contract's refusal as a CliError. */
function requestOf(user: pb.NewUser, answers: pb.QuestionAnswer[]): DayOneRequest {
  try {
    return dayOneOfRequest({ ...user, answers }, user.user_id);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliError(e.message);
    throw e;
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const range = ([low, high]: readonly [number, number]) => `${pct(low)}-${pct(high)}`;
const cells = (list: ColdStartInsights['roles']) =>
  list.length
    ? list.map((c) => `${c.value} ${pct(c.interview_rate)} (${c.users} users)`).join(', ')
    : '(none over enough users)';

/** One user's answer as text. */
function printUser(a: UserAnswer, version: number): void {
  const i = a.insights;
  const r = i.expected_interview_rate;
  const q = a.next_question;
  const lines = [
    `${a.user_id} (${COLD_START_MODEL} v${version})`,
    `  expected interview rate  ${pct(r.estimate)}  (95% interval ${range(r.interval)}; over the first ${r.horizon} applications ${range(r.prediction_interval)})  confidence ${i.confidence}`,
    `  from                     ${i.source === 'peers' ? `${i.peers_used} similar successful users` : `segment ${i.segment}: ${i.fallback_reason}`}`,
    `  roles                    ${cells(i.roles)}`,
    `  seniority                ${cells(i.seniority)}`,
    `  company stages           ${cells(i.company_stages)}`,
    ...i.first_edits.map(
      (e, k) =>
        `  ${k === 0 ? 'first edits' : ''.padEnd(11)}              ${e.edit_type} ${e.effect >= 0 ? '+' : ''}${pct(e.effect)} [${range(e.confidence_interval)}] ${e.causal_confidence}: ${e.evidence}`,
    ),
    ...i.pitfalls.map(
      (p, k) => `  ${k === 0 ? 'pitfalls' : ''.padEnd(8)}                 ${p.detail}`,
    ),
    `  missing                  ${i.missing_fields.length ? i.missing_fields.join(', ') : '(none)'}`,
    q.stop
      ? `  next question            none: ${q.reason}`
      : `  next question            ${q.field}: ${q.question} (expected to narrow the interval by ${pct(q.expected_gain)} of ${pct(q.interval_width)})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerColdStart(program: Command): void {
  program
    .command('cold-start')
    .description(
      "a new user's day-one insights and the next onboarding question, from their USER_PROFILE_UPDATED and RESUME_SNAPSHOT events (nothing is ingested), with the production cold-start model",
    )
    .requiredOption('--events <file>', 'NDJSON events of one or more new users')
    .option(
      '--answer <field=value>',
      'an onboarding answer applied after the events (repeatable; lists comma-separated)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--user <id>', 'only this user of the file')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--artifacts <dir>', 'artifact folder (default HIRELEARN_ARTIFACTS)')
    .option('--json', 'print [{user_id, insights, next_question}] as JSON')
    .action(async (opts: ColdStartOpts) => {
      const text = await readFile(opts.events, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new CliError(`--events: cannot read ${opts.events} (${e.code ?? e.message})`);
      });
      const read = newUsersFromEvents(text.split('\n'));
      if (read.status === 'invalid') {
        throw new CliError(
          read.refused.map((r) => `${opts.events}:${r.line}: ${r.message}`).join('\n'),
          'fix or remove the lines the contract refuses (hirelearn schema shows it)',
        );
      }
      const users = read.users.filter((u) => opts.user === undefined || u.user_id === opts.user);
      if (users.length === 0) {
        throw new CliError(
          opts.user === undefined
            ? `--events: no user_id with a USER_PROFILE_UPDATED or RESUME_SNAPSHOT in ${opts.events}`
            : `--user: no events of ${opts.user} in ${opts.events}`,
        );
      }
      const answers = opts.answer.map(parseAnswer);
      const requests = users.map((u) => requestOf(u, answers));
      const { model, version, effects } = await productionModel(opts);
      const out: UserAnswer[] = requests.map((r) => ({
        user_id: r.user_id,
        insights: coldStartInsights(model, r.day_one.features, effects),
        next_question: nextQuestion(model, r.day_one.features),
      }));
      if (opts.json) return printJson(out);
      out.forEach((a) => printUser(a, version));
    });
}
