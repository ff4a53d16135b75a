import type { ServiceDefinition } from '@grpc/grpc-js';
import * as pb from '@hirelearn/proto';
import { accessOf, roleMay, SERVICE_ACCESS } from './access';

/** Every service definition the generated code exports (`XService`). */
const definitions = Object.entries(pb)
  .filter(([name, value]) => name.endsWith('Service') && typeof value === 'object' && value)
  .map(([, value]) => value as ServiceDefinition);
const paths = definitions.flatMap((d) => Object.values(d).map((m) => m.path));

describe('the access table', () => {
  it('classifies every method of every service we serve (a new method fails here until it is)', () => {
    expect(paths.length).toBeGreaterThan(25);
    const unlisted = paths.filter((p) => {
      const a = accessOf(p);
      return a !== 'read' && a.length === 0;
    });
    expect(unlisted).toEqual([]);
  });

  it('names as changes exactly the calls that change state', () => {
    expect(paths.filter((p) => accessOf(p) !== 'read').sort()).toEqual([
      '/hirelearn.v1.Config/Decide',
      '/hirelearn.v1.Config/Publish',
      '/hirelearn.v1.Config/Rollback',
      '/hirelearn.v1.Experiments/CreateExperiment',
      '/hirelearn.v1.Experiments/PauseExperiment',
      '/hirelearn.v1.Experiments/Ramp',
      '/hirelearn.v1.Experiments/Rollback',
      '/hirelearn.v1.Experiments/StartExperiment',
      '/hirelearn.v1.Monitor/RunNow',
      '/hirelearn.v1.Registry/Archive',
      '/hirelearn.v1.Registry/Promote',
      '/hirelearn.v1.Registry/RegisterVersion',
      '/hirelearn.v1.Registry/Rollback',
    ]);
  });

  it('lists no service that does not exist (the standard ones aside)', () => {
    const served = new Set(paths.map((p) => p.slice(1, p.lastIndexOf('/'))));
    const standard = /^grpc\.(health|reflection)\./;
    expect(Object.keys(SERVICE_ACCESS).filter((s) => !served.has(s) && !standard.test(s))).toEqual(
      [],
    );
  });

  it('refuses what it does not know to all but admin, and lets each role make only its changes', () => {
    expect(accessOf('/hirelearn.v1.Config/Set')).toEqual([]);
    expect(accessOf('not a path')).toEqual([]);
    expect(roleMay('admin', accessOf('/hirelearn.v1.Config/Set'))).toBe(true);
    const promote = accessOf('/hirelearn.v1.Registry/Promote');
    expect(roleMay('ml-engineer', promote)).toBe(true);
    expect(roleMay('experimenter', promote)).toBe(false);
    expect(roleMay('monitor', promote)).toBe(false);
    expect(roleMay('monitor', accessOf('/hirelearn.v1.Registry/Rollback'))).toBe(true);
    expect(roleMay('reader', accessOf('/hirelearn.v1.Experiments/StartExperiment'))).toBe(false);
    expect(roleMay('reader', accessOf('/hirelearn.v1.Registry/ListVersions'))).toBe(true);
  });
});
