/**
 * Edit types are data: a producer may send any non-empty string. Issue 12 found one that made
 * `hirelearn attribution` run its SQL. Here every hostile string rides on the same rewrites
 * and suggestions as a known edit, so each must come out as a treatment named verbatim whose
 * columns, and so whose estimate, equal the known edit's exactly.
 */
import { refuterSettings } from '@hirelearn/causal';
import { HOSTILE_STRINGS } from '@hirelearn/contract';
import { defaultSimSettings, simulateWorld, type SimWorld } from '@hirelearn/sim';
import { runAttribution, type OutcomeAttribution } from './run';
import { attributionSettings } from './settings';
import { analysisQuery } from './queries';
import { loadAnalysisTable, type AnalysisTable } from './table';
import { readIngested } from './testing/ingested';

const KNOWN = 'added_metrics_to_bullets';
const SUGGESTIONS = ['SUGGESTION_ACCEPTED', 'SUGGESTION_EDITED', 'SUGGESTION_REJECTED'];

/**
 * The world plus, beside every accepted rewrite listing KNOWN, a RESUME_REWRITTEN of the same
 * resume version listing every hostile string, and beside every suggestion of KNOWN, one
 * suggestion of each hostile string: every hostile edit is then carried exactly where KNOWN is.
 */
function withHostileEdits(world: SimWorld): SimWorld {
  const extra: string[] = [];
  for (const line of world.lines) {
    const e = JSON.parse(line);
    if (e.event_type === 'RESUME_REWRITTEN' && e.edit_types?.includes(KNOWN)) {
      extra.push(
        JSON.stringify({ ...e, event_id: `${e.event_id}-h`, edit_types: HOSTILE_STRINGS }),
      );
    }
    if (SUGGESTIONS.includes(e.event_type) && e.edit_type === KNOWN) {
      HOSTILE_STRINGS.forEach((h, k) => {
        const content = (c: object | undefined) => (c === undefined ? {} : { ...c, edit_type: h });
        extra.push(
          JSON.stringify({
            ...e,
            event_id: `${e.event_id}-h${k}`,
            suggestion_id: `${e.suggestion_id}-h${k}`,
            edit_type: h,
            suggested_content: content(e.suggested_content),
            ...(e.final_content === undefined ? {} : { final_content: content(e.final_content) }),
          }),
        );
      });
    }
  }
  return { ...world, lines: [...world.lines, ...extra] };
}

describe('analysisQuery', () => {
  it('spells no edit type in its SQL: each is a parameter under an alias of its position', () => {
    const query = analysisQuery(HOSTILE_STRINGS);
    for (const h of HOSTILE_STRINGS) expect(query.sql).not.toContain(h);
    expect(query.params).toEqual([...HOSTILE_STRINGS, '-infinity', 'infinity']);
    HOSTILE_STRINGS.forEach((h, i) => {
      expect(query.columns.get(`edit_${i}`)).toBe(`edit:${h}`);
      expect(query.columns.get(`suggested_${i}`)).toBe(`suggested:${h}`);
    });
  });
});

describe('attribution over hostile edit types', () => {
  let table: AnalysisTable;
  let run: OutcomeAttribution;
  let tables: string[];
  const settings = attributionSettings({
    refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 1 }),
  });

  beforeAll(async () => {
    const world = withHostileEdits(
      simulateWorld(defaultSimSettings({ users: 200, months: 6, seed: 3 })),
    );
    [table, run, tables] = await readIngested(world, async (store) => [
      await loadAnalysisTable(store),
      await runAttribution(store, {
        settings,
        treatments: [KNOWN, ...HOSTILE_STRINGS],
        now: new Date('2026-01-02T00:00:00Z'),
      }),
      (await store.rows(`SELECT table_name FROM duckdb_tables() ORDER BY 1`)).map((r) =>
        String(r.table_name),
      ),
    ]);
  }, 600_000);

  it('loads every hostile edit verbatim, on exactly the applications and users of the known edit', () => {
    const edit = table.columns[`edit:${KNOWN}`];
    const suggested = table.columns[`suggested:${KNOWN}`];
    expect(edit.filter((x) => x === 1).length).toBeGreaterThan(0);
    expect(suggested.filter((x) => x === 1).length).toBeGreaterThan(0);
    expect(table.edit_types).toEqual(expect.arrayContaining([...HOSTILE_STRINGS]));
    for (const h of HOSTILE_STRINGS) {
      expect([h, table.columns[`edit:${h}`]]).toEqual([h, edit]);
      expect([h, table.columns[`suggested:${h}`]]).toEqual([h, suggested]);
    }
  });

  it('completes and estimates each hostile edit, named verbatim, exactly as the known edit', () => {
    expect(run.status).toBe('ok');
    const outcome = (name: string, method: string) => {
      const e = run.effects.find((x) => x.treatment === name && x.method === method);
      return e === undefined ? null : { status: e.status, ate: e.ate, p_value: e.p_value };
    };
    expect(outcome(KNOWN, 'aipw')?.ate).toEqual(expect.any(Number));
    // The DiD adjusts each edit for the others carried: an edit carried exactly where another
    // is cannot be told apart from it, so every one of them is reported as a singular design.
    expect(outcome(KNOWN, 'did')?.status).toBe('singular_design');
    for (const method of ['aipw', 'did']) {
      for (const h of HOSTILE_STRINGS) {
        expect([h, method, outcome(h, method)]).toEqual([h, method, outcome(KNOWN, method)]);
      }
    }
  });

  it('ran none of their SQL: no table made, none dropped', () => {
    expect(tables).not.toContain('pwned');
    expect(tables).toEqual(
      expect.arrayContaining(['applications', 'raw_events', 'resume_versions', 'users']),
    );
  });
});
