import type { ModelVersion } from '@hirelearn/registry';
import { openDocumentStore } from '@hirelearn/store';
import {
  inputsHash,
  PREDICTIONS_COLLECTION,
  PredictionLog,
  type PredictionRecord,
} from './prediction-log';
import { ServedModel, type RegistryView } from './served-model';
import { modelServiceSettings } from './service';

const version = (n: number) => ({ model: 'm', version: n }) as unknown as ModelVersion;

/** A registry whose production changes when the test says, with one artifact per version. */
function fakeRegistry(artifacts: Record<number, string>) {
  let listener: ((e: { production: ModelVersion | null }) => void) | null = null;
  const view: RegistryView = {
    watch: (_m, onChange, options) => {
      listener = onChange;
      if (options.send_current) onChange({ production: version(1) });
      return { close: () => (listener = null) };
    },
    fetch: async (_m, v) => {
      if (!(v in artifacts)) throw new Error(`artifact of m@${v} failed its sha256 check`);
      return Buffer.from(artifacts[v]);
    },
  };
  return { view, produce: (v: number) => listener?.({ production: version(v) }) };
}

describe('ServedModel', () => {
  it('loads production, swaps on a promotion, and refuses a version that fails to load', async () => {
    const reg = fakeRegistry({ 1: 'one', 2: 'two' });
    const disposed: string[] = [];
    const served = new ServedModel(
      'm',
      reg.view,
      (c) => c.toString(),
      (m) => disposed.push(m),
      0,
    );
    await served.start();
    expect(served.require().model).toBe('one');
    reg.produce(2);
    await served.settled();
    expect(served.require()).toMatchObject({ model: 'two', version: { version: 2 } });
    reg.produce(3);
    await served.settled();
    expect(served.require().model).toBe('two');
    expect(served.lastError?.message).toMatch(/sha256/);
    await new Promise((r) => setTimeout(r, 5));
    expect(disposed).toEqual(['one']);
    served.stop();
  });

  it('is unavailable, with the reason, before any version loads', () => {
    const served = new ServedModel('m', fakeRegistry({}).view, (c) => c.toString());
    expect(() => served.require()).toThrow(/no production version/);
  });
});

describe('PredictionLog', () => {
  it('hashes equal inputs equally whatever their key order', () => {
    expect(inputsHash({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(
      inputsHash({ b: { d: [1, 2], c: 2 }, a: 1 }),
    );
    expect(inputsHash({ a: 1 })).not.toBe(inputsHash({ a: 2 }));
  });

  it('writes the shape the drift monitor reads, after the answer', async () => {
    const docs = await openDocumentStore('sqlite::memory:');
    try {
      const log = new PredictionLog(docs, () => new Date('2026-02-01T10:00:00Z'));
      log.log([
        {
          model: 'ensemble',
          version: 3,
          user_id: 'u1',
          application_id: 'a1',
          inputs_hash: 'h',
          probability: 0.25,
        },
      ]);
      await log.flush();
      const [rec] = await docs.collection<PredictionRecord>(PREDICTIONS_COLLECTION).find();
      expect(rec).toMatchObject({
        model: 'ensemble',
        version: 3,
        user_id: 'u1',
        application_id: 'a1',
        inputs_hash: 'h',
        probability: 0.25,
        predicted_at: '2026-02-01T10:00:00.000Z',
      });
      expect(await docs.eraseUser('u1')).toBe(1);
      expect(log.failedWrites).toBe(0);
    } finally {
      await docs.close();
    }
  });
});

describe('modelServiceSettings', () => {
  it('reads the environment once, options winning, and rejects a bad port', () => {
    const s = modelServiceSettings(
      { HIRELEARN_REGISTRY_ADDRESS: '127.0.0.1:1', HIRELEARN_X_PORT: '7' },
      'HIRELEARN_X_PORT',
      9,
    );
    expect(s).toMatchObject({ registry_address: '127.0.0.1:1', port: 7, host: '127.0.0.1' });
    expect(Object.isFrozen(s)).toBe(true);
    expect(modelServiceSettings({}, 'P', 9, { port: 0, registry_address: null }).port).toBe(0);
    expect(() => modelServiceSettings({ P: 'x' }, 'P', 9)).toThrow(/not a port/);
  });
});
