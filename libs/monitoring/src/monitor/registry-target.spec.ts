import type { Registry } from '@hirelearn/registry';
import { registryWithVersions, type RegistryWithVersions } from '../testing/registry-versions';
import { registryTarget } from './registry-target';

/**
 * The monitor's rollback is a compare-and-set on the real registry: it names the version it
 * judged, and a registry whose production has moved on since changes nothing.
 */
describe('registryTarget', () => {
  const model = 'interview-likelihood';
  const who = { by: 'test', reason: 'serve it' };
  let held: RegistryWithVersions;
  let registry: Registry;

  beforeEach(async () => {
    held = await registryWithVersions(model, 3);
    registry = held.registry;
    await registry.promote(model, 1, who);
    await registry.promote(model, 2, who);
  });
  afterEach(() => held.close());

  it('rolls back the version it judged, recording who and why', async () => {
    const target = registryTarget(registry);
    const [judged] = await target.monitoredVersions();
    expect(judged).toEqual({
      model,
      version: 2,
      stage: 'production',
      production_since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    await target.rollback(model, {
      by: 'drift-monitor',
      reason: 'ECE 0.31 > 0.2',
      expected_production: judged.version,
    });
    expect((await registry.production(model))?.version).toBe(1);
    expect((await registry.transitions(model)).at(-1)).toMatchObject({
      version: 1,
      to_stage: 'production',
      by: 'drift-monitor',
      reason: 'ECE 0.31 > 0.2',
    });
  });

  it('changes nothing when someone replaced the judged version in the meantime', async () => {
    const target = registryTarget(registry);
    const [judged] = await target.monitoredVersions();
    await registry.promote(model, 3, { by: 'someone', reason: 'a better model' });
    const before = await registry.transitions(model);
    await expect(
      target.rollback(model, {
        by: 'drift-monitor',
        reason: 'ECE 0.31 > 0.2',
        expected_production: judged.version,
      }),
    ).rejects.toThrow(/version 3 in production, not the expected 2; nothing was changed/);
    expect((await registry.production(model))?.version).toBe(3);
    expect(await registry.transitions(model)).toEqual(before);
  });
});
