/** `hirelearn models ...` on an embedded document store: the ML engineer's path end to end. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from '@hirelearn/registry';
import { openDocumentStore } from '@hirelearn/store';
import { requireBuiltCli, runCli } from './support/cli';

describe('hirelearn models', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const models = (...args: string[]) => runCli(['models', ...args], env);
  const json = <T>(...args: string[]): T => {
    const r = models(...args, '--json');
    if (r.code !== 0) throw new Error(`models ${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };

  beforeAll(() => {
    requireBuiltCli();
    dir = mkdtempSync(join(tmpdir(), 'hirelearn-models-cli-'));
    env = {
      HIRELEARN_DOCUMENTS: `sqlite://${join(dir, 'documents.sqlite')}`,
      HIRELEARN_ARTIFACTS: join(dir, 'artifacts'),
    };
    // A model no service serves: the registry checks its artifact by format (JSON parses).
    writeFileSync(join(dir, 'a.json'), '{"w":[0.4,0.2,0.2,0.2]}');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('registers, promotes, rolls back and shows the audit trail', async () => {
    const v = json<{ version: number; stage: string; metrics: Record<string, number> }>(
      'register',
      '--model',
      'scorer',
      '--artifact',
      join(dir, 'a.json'),
      '--format',
      'json_params',
      '--window-start',
      '2026-01-01T00:00:00Z',
      '--window-end',
      '2026-06-30T00:00:00Z',
      '--seed',
      '7',
      '--code-version',
      'abc123',
      '--settings-hash',
      'f00d',
      '--metric',
      'auc=0.71',
      '--by',
      'ada',
    );
    expect(v).toMatchObject({ version: 1, stage: 'candidate', metrics: { auc: 0.71 } });
    // Version 2 and the first promotions from another process (in-process here), same store.
    const documents = await openDocumentStore(env.HIRELEARN_DOCUMENTS ?? '');
    try {
      const registry = await Registry.open({ documents, artifactsDir: env.HIRELEARN_ARTIFACTS });
      const v1 = await registry.get('scorer', 1);
      await registry.register({ ...v1, format: v1.artifact.format, content: Buffer.from('b') });
      await registry.promote('scorer', 1, { by: 'ada', reason: 'first' });
      await registry.promote('scorer', 2, { by: 'ada', reason: 'better' });
    } finally {
      await documents.close();
    }

    // Decided on "1 serves": refused, since 2 serves.
    const late = models('rollback', 'scorer', '--reason', 'late', '--if-production', '1');
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/version 2 in production, not the expected 1/);
    expect(
      models(
        'rollback',
        'scorer',
        '--reason',
        'auc dropped',
        '--by',
        'monitor',
        '--if-production',
        '2',
      ).stdout,
    ).toBe(
      'scorer@2: production -> candidate (by monitor: auc dropped)\n' +
        'scorer@1: candidate -> production (by monitor: auc dropped)\n',
    );
    const shown = json<{ version: number; transitions: { reason: string; by: string }[] }>(
      'show',
      'scorer',
      '2',
    );
    expect(shown.version).toBe(2);
    expect(shown.transitions.map((t) => `${t.by}:${t.reason}`)).toEqual([
      'ada:registered',
      'ada:better',
      'monitor:auc dropped',
    ]);
    const text = models('show', 'scorer').stdout;
    expect(text).toMatch(/^version\s+stage.*\n1\s+production.*\n2\s+candidate/);
    expect(text).toMatch(/production -> candidate\s+monitor\s+\S+\s+auc dropped/);
  });

  it('says what is wrong and how to fix it', () => {
    const bad = models('list', '--stage', 'live');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--stage: 'live' is not a stage");
    expect(models('show', 'nope').stderr).toMatch(/no model 'nope' is registered/);
  });
});
