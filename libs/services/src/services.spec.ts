import type { ModelVersion } from '@hirelearn/registry';
import { openDocumentStore } from '@hirelearn/store';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { SettingError } from '@hirelearn/env';
import {
  inputsHash,
  PREDICTIONS_COLLECTION,
  PredictionLog,
  timeOrderedId,
  type PredictionRecord,
} from './prediction-log';
import { storeSink } from './prediction-sink';
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
  const entry = (i: number) => ({
    model: 'ensemble',
    version: 3,
    user_id: `u${i}`,
    application_id: `a${i}`,
    inputs: { b: i, a: 'x' },
    probability: i / 100,
  });

  it('hashes equal inputs equally whatever their key order', () => {
    expect(inputsHash({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(
      inputsHash({ b: { d: [1, 2], c: 2 }, a: 1 }),
    );
    expect(inputsHash({ a: 1 })).not.toBe(inputsHash({ a: 2 }));
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    // JSON.stringify's text with keys sorted at every depth, undefined left out of objects
    // and written as null in arrays.
    expect(inputsHash({ b: [1, { d: undefined, c: 'x' }, undefined], a: { z: [], y: {} } })).toBe(
      sha('{"a":{"y":{},"z":[]},"b":[1,{"c":"x"},null]}'),
    );
    // sha256 of {"a":null,"m":true,"z":1.5}
    expect(inputsHash({ z: 1.5, a: null, m: true })).toBe(
      '07ddca42a2f7e8851843a5ed023a8069637104a94d357caaa9535b0c25a4a29a',
    );
  });

  it('makes time-ordered UUIDv7 ids', () => {
    const a = timeOrderedId(Date.parse('2026-02-01T10:00:00Z'));
    const b = timeOrderedId(Date.parse('2026-02-01T10:00:00.001Z'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(parseInt(a.replace('-', '').slice(0, 12), 16)).toBe(Date.parse('2026-02-01T10:00:00Z'));
  });

  it('writes behind the answer: nothing at once, everything after the interval', async () => {
    const docs = await openDocumentStore('sqlite::memory:');
    try {
      const log = new PredictionLog(storeSink(docs, 7), () => new Date('2026-02-01T10:00:00Z'), {
        flushIntervalMs: 30,
      });
      const predictions = docs.collection<PredictionRecord>(PREDICTIONS_COLLECTION);
      log.log([entry(1), entry(2)]);
      log.log(Array.from({ length: 20 }, (_, i) => entry(i + 3)));
      await expect(predictions.count()).resolves.toBe(0);
      await new Promise((r) => setTimeout(r, 200));
      await expect(predictions.count()).resolves.toBe(22);
      const [rec] = await predictions.find({ application_id: 'a1' });
      expect(rec).toMatchObject({
        model: 'ensemble',
        version: 3,
        user_id: 'u1',
        application_id: 'a1',
        inputs_hash: inputsHash({ a: 'x', b: 1 }),
        probability: 0.01,
        predicted_at: '2026-02-01T10:00:00.000Z',
      });
      expect(rec).not.toHaveProperty('inputs');
      expect([log.writtenCount, log.failedWrites, log.dropped]).toEqual([22, 0, 0]);
      expect(await docs.eraseUser('u1')).toBe(1);
    } finally {
      await docs.close();
    }
  });

  it('writes everything buffered on flush, and bounds what waits when writes lag', async () => {
    const docs = await openDocumentStore('sqlite::memory:');
    try {
      const log = new PredictionLog(storeSink(docs), undefined, {
        flushIntervalMs: 60_000,
        maxBuffered: 10,
      });
      log.log(Array.from({ length: 12 }, (_, i) => entry(i)));
      expect(log.dropped).toBe(2);
      await log.flush();
      await expect(docs.collection(PREDICTIONS_COLLECTION).count()).resolves.toBe(10);
      log.log([entry(99)]);
      await log.flush();
      expect([log.writtenCount, log.dropped]).toEqual([11, 2]);
      await docs.close();
      // The store is gone: the write fails, is counted, and nobody's call sees it.
      log.log([entry(100)]);
      await log.flush();
      expect(log.failedWrites).toBe(1);
    } finally {
      await docs.close();
    }
  });

  it('refuses settings that are not positive integers, naming them', async () => {
    const docs = await openDocumentStore('sqlite::memory:');
    expect(() => new PredictionLog(storeSink(docs), undefined, { writeBatch: 0 })).toThrow(
      /writeBatch: 0 must be a positive integer/,
    );
    await docs.close();
  });
});

describe('modelServiceSettings', () => {
  it('reads the environment once, options winning, and rejects a bad port', () => {
    const s = modelServiceSettings(
      { HIRELEARN_REGISTRY_ADDRESS: '127.0.0.1:1', HIRELEARN_X_PORT: '7' },
      'X',
      9,
    );
    expect(s).toMatchObject({ registryAddress: '127.0.0.1:1', port: 7, host: '127.0.0.1' });
    expect(Object.isFrozen(s)).toBe(true);
    expect(modelServiceSettings({}, 'X', 9, { port: 0, registryAddress: null }).port).toBe(0);
    expect(() => modelServiceSettings({ HIRELEARN_X_PORT: 'x' }, 'X', 9)).toThrow(
      'HIRELEARN_X_PORT: x is not a port (0-65535)',
    );
  });

  // The TLS and token variables were read inside libs/proto; libs/env reads them now, with
  // its SettingError, and the pair rules stay where the settings are built.
  it('reads the TLS and token variables through libs/env, keeping the pair errors', () => {
    const s = modelServiceSettings(
      {
        HIRELEARN_TLS_CERT: 'server.pem',
        HIRELEARN_TLS_KEY: 'server.key',
        HIRELEARN_TOKEN: 'secret',
        HIRELEARN_INSECURE: '1',
      },
      'X',
      9,
    );
    expect(s.security).toMatchObject({
      tlsCertFile: resolve('server.pem'),
      tlsKeyFile: resolve('server.key'),
      insecure: true,
    });
    expect(s.registrySecurity).toMatchObject({ token: 'secret', tls: false, insecure: true });
    expect(() => modelServiceSettings({ HIRELEARN_INSECURE: 'maybe' }, 'X', 9)).toThrow(
      SettingError,
    );
    expect(() => modelServiceSettings({ HIRELEARN_TLS_CERT: 'server.pem' }, 'X', 9)).toThrow(
      'HIRELEARN_TLS_CERT and HIRELEARN_TLS_KEY (--tls-cert, --tls-key): give both or neither',
    );
  });

  it('listens on HIRELEARN_<SERVICE>_HOST, else the shared HIRELEARN_SERVICE_HOST', () => {
    const shared = { HIRELEARN_SERVICE_HOST: '0.0.0.0' };
    expect(modelServiceSettings(shared, 'ENSEMBLE', 9).host).toBe('0.0.0.0');
    const own = { ...shared, HIRELEARN_ENSEMBLE_HOST: '127.0.0.2' };
    expect(modelServiceSettings(own, 'ENSEMBLE', 9).host).toBe('127.0.0.2');
  });
});
