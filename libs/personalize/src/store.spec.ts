import { ConfigChannel } from '@hirelearn/config';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import type { PersonalizedConfig } from './personalized-config';
import { publishPersonalizedConfigs, readPersonalizedConfig, USER_RULE } from './store';

const config = (user_id: string, pace: number): PersonalizedConfig => ({
  user_id,
  basis: 'personal',
  basis_reason: 'test',
  opt_out: null,
  segment: { by: 'seniority', value: 'mid', users: 10 },
  overrides: {
    '5': [{ parameter: 'applications_per_week', value: pace }],
    '6': [
      {
        parameter: 'weights',
        value: { technical: 0.25, seniority: 0.25, experience: 0.25, signal: 0.25 },
      },
    ],
  },
  planner: { tailor_share: 1, target_mix: { reach: 0.2, target: 0.5, safety: 0.3 } },
  parameters: [],
  attribution_run_id: null,
  computed_at: '2026-12-01T00:00:00.000Z',
});
const by = (run_id: string) => ({ by: 'nightly', reason: 'test', run_id, at: new Date() });

describe('personalized configurations in the document store', () => {
  let documents: DocumentStore;
  beforeEach(async () => {
    documents = await openDocumentStore('sqlite::memory:');
  });
  afterEach(() => documents.close());

  it('publishes a version per user per run, read over the layers in force', async () => {
    const users = ['a', 'b', 'c'].map((u) => config(u, 7));
    await publishPersonalizedConfigs(documents, users, by('run-1'));
    await publishPersonalizedConfigs(documents, [config('a', 12)], by('run-2'));
    const channel = new ConfigChannel({ documents });
    const a = await readPersonalizedConfig(documents, channel, 'a');
    expect(a.config.version).toBe(2);
    expect(a.config.run_id).toBe('run-2');
    expect(a.planning.applications_per_week).toBe(12);
    expect(a.planning.submission_days).toHaveLength(7); // the base's
    expect(a.fit_weights.weights.signal).toBe(0.25);
    expect((await readPersonalizedConfig(documents, channel, 'b')).config.version).toBe(1);
    channel.close();
  });

  it('lets one of two publishers at once write each user (compare-and-set), naming the others', async () => {
    const users = ['a', 'b', 'c', 'd'];
    await publishPersonalizedConfigs(
      documents,
      users.map((u) => config(u, 7)),
      by('run-1'),
    );
    const [x, y] = await Promise.all([
      publishPersonalizedConfigs(
        documents,
        users.map((u) => config(u, 8)),
        by('run-x'),
      ),
      publishPersonalizedConfigs(
        documents,
        users.map((u) => config(u, 9)),
        by('run-y'),
      ),
    ]);
    expect(x.published + y.published).toBe(users.length);
    // Each user written by exactly one of them; the other names it as a conflict.
    expect([...x.conflicts, ...y.conflicts].sort()).toEqual(users);
    const channel = new ConfigChannel({ documents });
    for (const u of users)
      expect((await readPersonalizedConfig(documents, channel, u)).config.version).toBe(2);
    channel.close();
  });

  it('refuses a user with none, naming the rule; erasing a user deletes theirs', async () => {
    await publishPersonalizedConfigs(documents, [config('a', 7)], by('run-1'));
    const channel = new ConfigChannel({ documents });
    await expect(readPersonalizedConfig(documents, channel, 'zed')).rejects.toThrow(USER_RULE);
    await documents.eraseUser('a');
    await expect(readPersonalizedConfig(documents, channel, 'a')).rejects.toThrow(
      /unknown, erased/,
    );
    channel.close();
  });
});
