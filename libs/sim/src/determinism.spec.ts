import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateWorld } from './simulate-world';
import { smallWorldSettings } from './testing/small-world';
import { writeWorld } from './write-world';

/** Same seed, same bytes; the streamed file equals the in-memory world. */
describe('simulated world: determinism', () => {
  const settings = smallWorldSettings({ users: 80, months: 4, bad: 1 });

  it('gives identical lines and truth for the same seed, different ones for another seed', () => {
    const a = simulateWorld(settings);
    const b = simulateWorld(settings);
    expect(b.lines).toEqual(a.lines);
    expect(JSON.stringify(b.truth)).toBe(JSON.stringify(a.truth));
    const c = simulateWorld(smallWorldSettings({ users: 80, months: 4, bad: 1, seed: 43 }));
    expect(c.lines).not.toEqual(a.lines);
    expect(c.lines.slice(0, 50)).not.toEqual(a.lines.slice(0, 50));
  });

  it('streams events.ndjson and truth.json byte-identical to the in-memory world', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hirelearn-sim-'));
    try {
      const progress: [number, number][] = [];
      const written = await writeWorld(settings, dir, (done, total) =>
        progress.push([done, total]),
      );
      const world = simulateWorld(settings);
      const file = await readFile(written.path, 'utf8');
      expect(file).toBe(world.lines.join('\n') + '\n');
      expect(written.events).toBe(world.lines.length);
      const truth = await readFile(written.truthPath, 'utf8');
      expect(truth).toBe(JSON.stringify(world.truth, null, 2) + '\n');
      expect(progress.at(-1)).toEqual([world.truth.window.days, world.truth.window.days]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('simulated world: edge settings', () => {
  it('still plants every bad kind in a world too small to apply anywhere', () => {
    const world = simulateWorld(smallWorldSettings({ users: 1, months: 1, bad: 1 }));
    expect(world.truth.mess.bad).toHaveLength(10);
    expect(world.lines.length).toBe(world.truth.counts.lines);
  });
});
