import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const committed = join(root, 'libs/proto/src/gen');

/** Every file under dir, as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

describe('generated gRPC code', () => {
  let fresh: string;
  let tmp: string;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'hirelearn-proto-'));
    execFileSync(join(root, 'node_modules/.bin/buf'), ['generate', '--output', tmp], {
      cwd: root,
      stdio: 'pipe',
    });
    fresh = join(tmp, 'libs/proto/src/gen');
  });

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is current with proto/ (run `make proto` if this fails)', () => {
    const files = filesUnder(fresh);
    expect(files).toEqual(filesUnder(committed));
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      expect({ file: f, text: readFileSync(join(committed, f), 'utf8') }).toEqual({
        file: f,
        text: readFileSync(join(fresh, f), 'utf8'),
      });
    }
  });
});
