import type { Registry } from '@hirelearn/registry';
import type { DocumentStore } from '@hirelearn/store';
import { registryWithVersions, type RegistryWithVersions } from '../testing/registry-versions';
import { registryTarget } from './registry-target';
import { predictionsCollection } from './run-monitor';
import { checkServedVersions } from './serving-check';

/**
 * The registry says version 2 serves, the prediction log says version 1 still answers (a
 * promoted artifact that failed to load): a critical finding of every monitor pass.
 */
describe('checkServedVersions', () => {
  const model = 'ensemble';
  let held: RegistryWithVersions;
  let documents: DocumentStore;
  let registry: Registry;
  let now = Date.parse('2026-03-01T12:00:00Z');

  beforeEach(async () => {
    held = await registryWithVersions(model, 2, { clock: () => new Date(now) });
    ({ documents, registry } = held);
    await registry.promote(model, 1, { by: 'test', reason: 'first' });
  });
  afterEach(() => held.close());

  const log = async (version: number, at: number, n: number) => {
    const predictions = predictionsCollection(documents);
    for (let i = 0; i < n; i++) {
      await predictions.insert({
        _id: `${version}-${at}-${i}`,
        model,
        version,
        user_id: 'u',
        application_id: `a${i}`,
        inputs_hash: 'h',
        probability: 0.3,
        predicted_at: new Date(at + i).toISOString(),
      });
    }
  };

  it('reports a promoted version whose model still answers from the old one', async () => {
    await log(1, now + 1_000, 3);
    now += 3_600_000;
    await registry.promote(model, 2, { by: 'test', reason: 'retrained' });
    const versions = await registryTarget(registry).monitoredVersions();
    // Within the grace, the old version may still answer.
    await log(1, now + 10_000, 2);
    expect(await checkServedVersions(versions, predictionsCollection(documents), 60_000)).toEqual(
      [],
    );
    await log(1, now + 120_000, 4);
    const [finding] = await checkServedVersions(versions, predictionsCollection(documents), 60_000);
    expect(finding).toMatchObject({
      severity: 'critical',
      rule: 'production_not_served',
      model,
      production_version: 2,
      production_since: new Date(now).toISOString(),
      other_version_predictions: 4,
      served_version: 1,
    });
    expect(finding.message).toMatch(/ensemble@2 is in production since .* 4 of 4 predictions/);
  });

  it('is quiet when the services switched', async () => {
    now += 3_600_000;
    await registry.promote(model, 2, { by: 'test', reason: 'retrained' });
    await log(2, now + 120_000, 4);
    const versions = await registryTarget(registry).monitoredVersions();
    expect(await checkServedVersions(versions, predictionsCollection(documents), 60_000)).toEqual(
      [],
    );
  });
});
