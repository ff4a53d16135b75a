import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import type { DeliveryInput } from './delivery';
import { DELIVERIES_COLLECTION, DeliveryLog } from './delivery-log';

const ERASED = 'user-erase-me-4711';
const KEPT = 'user-keep-me-0815';

function weekly(user: string | null, week: string, editType = 'added_keywords'): DeliveryInput {
  return {
    user_id: user,
    delivered_at: '2026-03-02T08:00:00+01:00',
    kind: 'weekly_insight',
    source_id: `weekly/${week}`,
    action: {
      type: 'resume_edit',
      edit_type: editType,
      description: `add ${editType.replace(/_/g, ' ')} (${user})`,
    },
    predicted_effect: {
      metric: 'interview_rate',
      estimate: 0.04,
      interval: [0.02, 0.06],
      unit: 'probability',
      method: 'aipw',
      sample_size: 4000,
    },
    confidence: 'HIGH',
    evidence: [{ kind: 'causal_effect', id: `run-1/${editType}`, summary: `+4 points, ${user}` }],
  };
}

/** The engines the log runs on; MongoDB when MONGODB_URI names a scratch database. */
const engines: [string, (dir: string) => string][] = [
  ['SQLite file', (dir) => `sqlite://${path.join(dir, 'documents.sqlite')}`],
  ['SQLite in memory', () => 'sqlite::memory:'],
  ...(process.env['MONGODB_URI'] ? [['MongoDB', () => process.env['MONGODB_URI'] as string]] : []),
] as [string, (dir: string) => string][];

describe.each(engines)('the delivery log on %s', (_name, url) => {
  let dir: string;
  let docs: DocumentStore;
  let log: DeliveryLog;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'insight-deliveries-'));
    docs = await openDocumentStore(url(dir));
    await docs.collection(DELIVERIES_COLLECTION).deleteMany({});
    log = new DeliveryLog(docs, { clock: () => new Date('2026-03-02T07:00:01Z') });
  });
  afterEach(async () => {
    await docs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs each delivery once under a stable id, in UTC, and lists by time, user and kind', async () => {
    const first = await log.record([weekly(KEPT, '2026-W10'), weekly(ERASED, '2026-W10')]);
    expect(first).toMatchObject({ recorded: 2, already_logged: 0 });
    const [kept] = first.deliveries;
    expect(kept.delivery_id).toMatch(/^[0-9a-f]{16}$/);
    expect(kept.delivered_at).toBe('2026-03-02T07:00:00.000Z');

    // A rerun of the same report, reworded: the same deliveries, nothing written twice.
    const again = await log.record([
      {
        ...weekly(KEPT, '2026-W10'),
        action: { ...weekly(KEPT, '2026-W10').action, description: 'reworded' },
      },
    ]);
    expect(again).toMatchObject({ recorded: 0, already_logged: 1 });
    expect(again.deliveries[0].delivery_id).toBe(kept.delivery_id);
    // The same advice another week is another delivery.
    const next = await log.record([
      { ...weekly(KEPT, '2026-W11'), delivered_at: '2026-03-09T07:00:00Z' },
    ]);
    expect(next.deliveries[0].delivery_id).not.toBe(kept.delivery_id);

    expect(await log.list({ user_id: KEPT })).toHaveLength(2);
    expect(await log.list({ since: '2026-03-03', until: '2026-03-10' })).toEqual(next.deliveries);
    expect(await log.list({ kind: 'nightly_recommendation' })).toEqual([]);
    expect(await log.list()).toContainEqual(kept);
  });

  it('refuses a delivery that breaks the rules, naming it and the field, and writes nothing', async () => {
    const bad = { ...weekly(KEPT, 'w'), confidence: 'SURE' } as unknown as DeliveryInput;
    await expect(log.record([weekly(KEPT, 'w'), bad])).rejects.toThrow(
      /deliveries\[1\]: InsightDelivery\.confidence: /,
    );
    const noEvidence = { ...weekly(KEPT, 'w'), evidence: [] };
    await expect(log.record([noEvidence])).rejects.toThrow(
      'deliveries[0]: InsightDelivery.evidence: a delivery rests on at least one piece of evidence',
    );
    const naive = { ...weekly(KEPT, 'w'), delivered_at: '2026-03-02T08:00:00' };
    await expect(log.record([naive])).rejects.toThrow(/InsightDelivery\.delivered_at/);
    const timing = {
      ...weekly(KEPT, 'w'),
      action: { type: 'timing', description: 'apply earlier' },
    } as DeliveryInput;
    await expect(log.record([timing])).rejects.toThrow(/names weekdays, hours or both/);
    expect(await log.count()).toBe(0);
  });

  it('erasing a user removes their deliveries and keeps the others', async () => {
    await log.record([
      weekly(KEPT, 'w'),
      weekly(ERASED, 'w'),
      weekly(ERASED, 'w', 'added_metrics_to_bullets'),
    ]);
    expect(await docs.eraseUser(ERASED)).toBe(2);
    expect(await log.list({ user_id: ERASED })).toEqual([]);
    expect(await log.count({ user_id: KEPT })).toBe(1);
  });
});

/** Every file under `dir` whose bytes contain `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => readFileSync(file).includes(needle));
}

describe("erasure leaves no byte of a user's deliveries in the embedded store", () => {
  it('neither while the store is open nor after it closes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'insight-deliveries-bytes-'));
    try {
      const docs = await openDocumentStore(`sqlite://${path.join(dir, 'documents.sqlite')}`);
      const log = new DeliveryLog(docs);
      const deliveries = Array.from({ length: 40 }, (_, i) => weekly(ERASED, `2026-W${i}`));
      await log.record([...deliveries, weekly(KEPT, '2026-W1')]);
      // The search finds what is there: the user's id and the wording that names them.
      expect(filesHolding(dir, ERASED)).not.toEqual([]);
      await docs.eraseUser(ERASED);
      expect(filesHolding(dir, ERASED)).toEqual([]);
      await docs.close();
      expect(filesHolding(dir, ERASED)).toEqual([]);
      expect(filesHolding(dir, KEPT)).not.toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
