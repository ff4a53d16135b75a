import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { Registry } from './registry';
import { sha256Hex } from './artifact-store';
import type { RegisterVersionInput, WatchEvent } from './types';

const input = (model: string, text: string, extra: Partial<RegisterVersionInput> = {}) => ({
  model,
  content: Buffer.from(text),
  format: 'json_params' as const,
  metrics: { log_loss: 0.5, auc: 0.7 },
  training_data_window: { start: '2026-01-01T00:00:00.000Z', end: '2026-06-30T00:00:00.000Z' },
  seed: 7,
  code_version: 'abc123',
  settings_hash: 'f00d',
  registered_by: 'ada',
  ...extra,
});
const by = (reason: string) => ({ by: 'grace', reason });

/**
 * The same suite on every document store engine: the embedded SQLite always, MongoDB when
 * MONGODB_URI names a scratch database (its registry collections are emptied before each test).
 */
const mongoUri = process.env['MONGODB_URI'];
const engines: readonly (readonly [string, string | undefined])[] = [
  ['SQLite', undefined],
  ...(mongoUri ? [['MongoDB', mongoUri] as const] : []),
];

if (!mongoUri) {
  console.warn(
    'Registry on MongoDB skipped: set MONGODB_URI=mongodb://localhost:27017/hirelearn_test to run it',
  );
  describe.skip('Registry on MongoDB (skipped: MONGODB_URI is not set)', () => {
    it('runs the registry suite, concurrent promotions included, on a scratch database', () => {
      throw new Error('unreachable: skipped');
    });
  });
}

describe.each(engines)('Registry on %s', (_engine, engineUrl) => {
  let dir: string;
  let url: string;
  const stores: DocumentStore[] = [];
  const registries: Registry[] = [];
  let clockMs = Date.parse('2026-07-01T00:00:00.000Z');

  /** A registry on the shared SQLite file, as another process would open it. */
  async function open(): Promise<Registry> {
    const documents = await openDocumentStore(url);
    stores.push(documents);
    const r = await Registry.open({
      documents,
      artifactsDir: join(dir, 'artifacts'),
      settings: { watch_poll_ms: 20 },
      clock: () => new Date((clockMs += 1000)),
    });
    registries.push(r);
    return r;
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hirelearn-registry-'));
    url = engineUrl ?? `sqlite://${join(dir, 'documents.sqlite')}`;
    if (engineUrl) {
      const scratch = await openDocumentStore(engineUrl);
      for (const c of ['models', 'model_versions', 'model_transitions'])
        await scratch.collection(c).deleteMany({});
      await scratch.close();
    }
  });

  afterEach(async () => {
    for (const r of registries.splice(0)) r.close();
    for (const s of stores.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('numbers versions per model and keeps their lineage', async () => {
    const r = await open();
    const v1 = await r.register(input('ensemble', 'one'));
    const v2 = await r.register(input('ensemble', 'two', { seed: 8, tags: { kind: 'tree' } }));
    const other = await r.register(input('fit', 'one'));
    expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
    expect(v2).toEqual(await r.get('ensemble', 2));
    expect(v2).toMatchObject({
      stage: 'candidate',
      seed: 8,
      tags: { kind: 'tree' },
      registered_by: 'ada',
      metrics: { log_loss: 0.5, auc: 0.7 },
      artifact: { sha256: sha256Hex(Buffer.from('two')), format: 'json_params', size_bytes: 3 },
    });
    // Same bytes, same address.
    expect(other.artifact.uri).toBe(v1.artifact.uri);
    expect((await r.list({ model: 'ensemble' })).map((v) => v.version)).toEqual([1, 2]);
    expect((await r.list()).length).toBe(3);
    expect(await r.models()).toEqual(['ensemble', 'fit']);
    expect(await r.production('ensemble')).toBeNull();
  });

  it('refuses bad input with the field and the rule', async () => {
    const r = await open();
    await expect(r.register(input('Bad Name', 'x'))).rejects.toThrow(/^model: /);
    await expect(r.register(input('m', 'x', { seed: 1.5 }))).rejects.toThrow(/^seed: /);
    await expect(r.register(input('m', 'x', { metrics: { auc: NaN } }))).rejects.toThrow(
      /^metrics\.auc: /,
    );
    await expect(
      r.register(input('m', 'x', { expected_sha256: sha256Hex(Buffer.from('y')) })),
    ).rejects.toMatchObject({ code: 'data_loss' });
    await expect(r.get('nope', 1)).rejects.toMatchObject({ code: 'not_found' });
    await r.register(input('m', 'x'));
    await expect(r.get('m', 2)).rejects.toThrow(/has no version 2/);
    await expect(r.promote('m', 1, { by: '', reason: 'x' })).rejects.toThrow(/^by: /);
  });

  it('promotes, rolls back and archives, recording who, when and why', async () => {
    const r = await open();
    for (const t of ['a', 'b', 'c']) await r.register(input('m', t));
    await r.promote('m', 1, by('first'));
    const p2 = await r.promote('m', 2, by('better auc'));
    expect(p2.version.stage).toBe('production');
    expect(p2.transitions.map((t) => [t.version, t.from_stage, t.to_stage])).toEqual([
      [1, 'production', 'candidate'],
      [2, 'candidate', 'production'],
    ]);
    await r.promote('m', 3, { ...by('try in shadow'), to_stage: 'shadow' });
    expect((await r.production('m'))?.version).toBe(2);

    const back = await r.rollback('m', by('calibration drift'));
    expect(back.version).toMatchObject({ version: 1, stage: 'production' });
    expect((await r.get('m', 2)).stage).toBe('candidate');
    // Nothing older than 1 was in production.
    await expect(r.rollback('m', by('again'))).rejects.toMatchObject({
      code: 'failed_precondition',
    });
    await r.rollback('m', { ...by('named'), to: 3 });
    expect((await r.production('m'))?.version).toBe(3);

    await expect(r.archive('m', 3, by('x'))).rejects.toThrow(/in production/);
    await r.archive('m', 2, by('superseded'));
    await expect(r.promote('m', 2, by('x'))).rejects.toThrow(/archived/);
    await expect(r.promote('m', 3, by('x'))).rejects.toThrow(/already production/);
    await expect(r.promote('m', 3, { ...by('x'), to_stage: 'shadow' })).rejects.toThrow(
      /m@3 is in production; promote or roll back/,
    );

    const trail = await r.transitions('m');
    expect(trail.map((t) => t.sequence)).toEqual(trail.map((_, i) => i + 1));
    expect(trail.map((t) => `${t.version}:${t.from_stage}>${t.to_stage}:${t.reason}`)).toEqual([
      '1:null>candidate:registered',
      '2:null>candidate:registered',
      '3:null>candidate:registered',
      '1:candidate>production:first',
      '1:production>candidate:better auc',
      '2:candidate>production:better auc',
      '3:candidate>shadow:try in shadow',
      '2:production>candidate:calibration drift',
      '1:candidate>production:calibration drift',
      '1:production>candidate:named',
      '3:shadow>production:named',
      '2:candidate>archived:superseded',
    ]);
    expect(trail.every((t) => t.by === (t.from_stage === null ? 'ada' : 'grace'))).toBe(true);
    const times = trail.map((t) => Date.parse(t.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect((await r.transitions('m', 2)).length).toBe(4);
  });

  it('lets exactly one of two concurrent promotions win', async () => {
    const [a, b] = [await open(), await open()];
    for (const t of ['a', 'b', 'c']) await a.register(input('m', t));
    await a.promote('m', 1, by('start'));
    for (let round = 0; round < 5; round++) {
      const results = await Promise.allSettled([
        a.promote('m', 2, by(`a${round}`)),
        b.promote('m', 3, by(`b${round}`)),
      ]);
      const won = results.filter((x) => x.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const lost = results.find((x) => x.status === 'rejected');
      expect(lost?.status === 'rejected' && lost.reason).toMatchObject({ code: 'aborted' });
      const winner = won[0].status === 'fulfilled' ? won[0].value.version.version : 0;
      expect((await b.production('m'))?.version).toBe(winner);
      expect((await a.list({ model: 'm', stage: 'production' })).length).toBe(1);
      await a.rollback('m', { ...by('reset'), to: 1 });
    }
  });

  it('refuses a change decided on a production version that is no longer there', async () => {
    const r = await open();
    for (const t of ['a', 'b', 'c']) await r.register(input('m', t));
    await expect(r.promote('m', 1, { ...by('x'), expected_production: 2 })).rejects.toThrow(
      /has no version in production, not the expected 2/,
    );
    await r.promote('m', 1, { ...by('none yet'), expected_production: null });
    await r.promote('m', 2, { ...by('on 1'), expected_production: 1 });
    // Seen 1, but 2 serves now: the first decision loses whatever the timing.
    await expect(
      r.promote('m', 3, { ...by('late'), expected_production: 1 }),
    ).rejects.toMatchObject({
      code: 'aborted',
      message: expect.stringMatching(/version 2 in production, not the expected 1/),
    });
    await expect(r.rollback('m', { ...by('late'), expected_production: 1 })).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(
      (await r.rollback('m', { ...by('drift'), expected_production: 2 })).version.version,
    ).toBe(1);
    expect((await r.transitions('m')).some((t) => t.reason === 'late')).toBe(false);
  });

  it('gives concurrent registrations distinct numbers', async () => {
    const [a, b] = [await open(), await open()];
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).register(input('m', `v${i}`))),
    );
    expect(all.map((v) => v.version).sort((x, y) => x - y)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect((await a.transitions('m')).length).toBe(10);
  });

  it('refuses a corrupted artifact with a clear error', async () => {
    const r = await open();
    const v = await r.register(input('m', '{"w":[1,2,3]}'));
    expect((await r.loadArtifact(v)).toString()).toBe('{"w":[1,2,3]}');
    writeFileSync(fileURLToPath(v.artifact.uri), '{"w":[1,2,4]}');
    await expect(r.loadArtifact(v)).rejects.toMatchObject({
      code: 'data_loss',
      message: expect.stringMatching(
        /m@1 is corrupted: .* hashes to sha256 [0-9a-f]{64}, registered as/,
      ),
    });
    rmSync(fileURLToPath(v.artifact.uri));
    await expect(r.loadArtifact(v)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('restores transitions a crash left only in the journal', async () => {
    const r = await open();
    await r.register(input('m', 'a'));
    await r.promote('m', 1, by('go'));
    const documents = stores[0];
    await documents.collection('model_transitions').deleteMany({ sequence: 2 });
    expect((await r.transitions('m')).map((t) => t.reason)).toEqual(['registered', 'go']);
  });

  it('streams stage changes made here and by another process', async () => {
    const [a, b] = [await open(), await open()];
    await a.register(input('m', 'a'));
    await a.register(input('m', 'b'));
    await a.promote('m', 1, by('start'));
    const events: WatchEvent[] = [];
    const seen = (n: number) =>
      new Promise<void>((resolve) => {
        const t = setInterval(() => events.length >= n && (clearInterval(t), resolve()), 5);
      });
    const w = a.watch('m', (e) => events.push(e), { send_current: true });
    await seen(1);
    expect(events[0]).toMatchObject({ transition: null, production: { version: 1 } });
    await b.promote('m', 2, by('from elsewhere'));
    await seen(3);
    expect(events[2]).toMatchObject({
      transition: { version: 2, to_stage: 'production', reason: 'from elsewhere' },
      version: { version: 2, stage: 'production' },
      production: { version: 2 },
    });
    await a.rollback('m', by('local'));
    await seen(5);
    expect(events[4]).toMatchObject({ transition: { version: 1 }, production: { version: 1 } });
    w.close();
    await b.promote('m', 2, by('after close'));
    await new Promise((res) => setTimeout(res, 80));
    expect(events).toHaveLength(5);
  });
});
