import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { exampleEvents } from '@hirelearn/contract';
import type { InputLine } from './read-lines';
import { defaultValidateThreads, inThreadValidator, workerValidator } from './validator-pool';
import { unpackValidated, validateBatch } from './validate-lines';

// A batch's verdicts cross back from a worker as typed arrays and one joined string: each line
// must still get its own verdict, text and ids, whatever sits around it (refused lines, text
// that is not ASCII, a byte order mark), and the built worker (`make build` writes dist/ before
// the tests) must answer exactly what the calling thread answers.
const WORKER = path.resolve(__dirname, '../../../dist/apps/cli/validate-worker.js');
const NOW_MS = Date.parse('2026-03-01T00:00:00Z');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

type Json = Record<string, unknown>;
const examples = exampleEvents();
const json = (event: Json) => Buffer.from(JSON.stringify(event));
const created: Json = { ...examples.APPLICATION_CREATED, event_id: 'e-1' };
const posted: Json = { ...examples.JOB_POSTED, event_id: 'e-2' };
const accented: Json = { ...examples.STATUS_CHANGED, event_id: 'é-😀-3', user_id: 'Zoë' };
const tooHigh: Json = {
  ...examples.APPLICATION_CREATED,
  event_id: 'e-4',
  context: { ...(examples.APPLICATION_CREATED.context as object), fit_score: 140 },
};
const cut = {
  reason: 'too_large',
  message: 'the line is 9 bytes, over the limit of 8 (maxLineBytes, --max-line-bytes)',
} as const;

const lines: InputLine[] = [
  { bytes: json(created), line: 1 },
  { bytes: Buffer.concat([BOM, json(posted)]), line: 2 },
  { bytes: Buffer.from('{"event_id": "e-x", "event_'), line: 4 },
  { bytes: json(accented), line: 5 },
  { bytes: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), line: 6 },
  { bytes: Buffer.from('{"event_'), line: 7, cut },
  { bytes: json(tooHigh), line: 8 },
  // The id written with JSON escapes: the text keeps them, the id is decoded.
  {
    bytes: Buffer.from(JSON.stringify(created).replace('"e-1"', '"\\u00e9-\\ud83d\\ude00"')),
    line: 9,
  },
];

describe('a validated batch read back', () => {
  const verdicts = unpackValidated(validateBatch(lines, NOW_MS), lines);

  it('gives every valid line its text, ids, type and time, refused lines in between', () => {
    expect(verdicts.map((v) => v.line)).toEqual([1, 2, 4, 5, 6, 7, 8, 9]);
    expect(verdicts[0]).toEqual({
      ok: true,
      line: 1,
      text: JSON.stringify(created),
      event_id: 'e-1',
      event_type: 'APPLICATION_CREATED',
      user_id: created.user_id,
      application_id: created.application_id,
      occurredAtMs: Date.parse(created.timestamp as string),
    });
    // A byte order mark is not part of the text; a market event has no user or application.
    expect(verdicts[1]).toMatchObject({
      ok: true,
      text: JSON.stringify(posted),
      event_id: 'e-2',
      event_type: 'JOB_POSTED',
      user_id: null,
      application_id: null,
    });
    expect(verdicts[3]).toMatchObject({
      ok: true,
      text: JSON.stringify(accented),
      event_id: 'é-😀-3',
      user_id: 'Zoë',
      application_id: accented.application_id,
    });
    expect(verdicts[7]).toMatchObject({
      ok: true,
      text: lines[7].bytes.toString(),
      event_id: 'é-😀',
      application_id: created.application_id,
    });
  });

  it('gives every refused line its bytes, reason, field and message', () => {
    const refused = verdicts.filter((v) => !v.ok);
    expect(refused.map((v) => v.line)).toEqual([4, 6, 7, 8]);
    refused.forEach((v, i) =>
      expect(Buffer.from(v.ok ? '' : v.bytes)).toEqual(lines[[2, 4, 5, 6][i]].bytes),
    );
    expect(refused[0]).toMatchObject({ reason: 'invalid_json', field: '', event_id: null });
    expect(refused[1]).toMatchObject({
      reason: 'invalid_encoding',
      message: 'not valid UTF-8 text',
    });
    expect(refused[2]).toMatchObject({ reason: 'too_large', message: cut.message });
    expect(refused[3]).toMatchObject({
      reason: 'out_of_range',
      field: 'context.fit_score',
      message: 'context.fit_score: Too big: expected number to be <=100 (got 140)',
      event_id: 'e-4',
      event_type: 'APPLICATION_CREATED',
      user_id: tooHigh.user_id,
    });
  });

  it('is what the built worker answers, batch for batch', async () => {
    if (!existsSync(WORKER)) {
      throw new Error(`the built worker is missing: ${WORKER}: run 'npm run build' first`);
    }
    const workers = workerValidator(WORKER, 2);
    try {
      const halves = [lines.slice(0, 5), lines.slice(5), lines];
      const answers = await Promise.all(halves.map((h) => workers.validate(h, NOW_MS)));
      const expected = await Promise.all(halves.map((h) => inThreadValidator.validate(h, NOW_MS)));
      expect(answers).toEqual(expected);
      expect(answers[2]).toEqual(verdicts);
    } finally {
      await workers.close();
    }
  });
});

describe('defaultValidateThreads', () => {
  it('leaves one core to the main thread and DuckDB, and starts at least one worker', () => {
    expect([1, 2, 4, 16].map((cores) => defaultValidateThreads(cores))).toEqual([1, 1, 3, 15]);
  });
});
