import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// tools/build.mjs finds the apps and their workers itself: a new app (or worker) in a workspace
// is built with no list to edit. The workspace here is a throwaway one with two apps and a lib.
const BUILD = join(__dirname, 'build.mjs');
let dir: string;

const write = (file: string, text: string): void => {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), text);
};
const built = (file: string): boolean => existsSync(join(dir, 'dist/apps', file));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'build-'));
  write(
    'apps/alpha/src/main.ts',
    "console.log(require('path').join(__dirname, 'tally-worker.js'));\n",
  );
  write('apps/beta/src/main.ts', "console.log('no worker');\n");
  write('apps/gamma/README.md', 'not an app: no src/main.ts\n');
  write('libs/count/src/tally-worker.ts', "console.log('tallying');\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tools/build.mjs', () => {
  it('bundles every app, and a worker next to each app that loads it by file name', () => {
    execFileSync(process.execPath, [BUILD], { cwd: dir, stdio: 'pipe' });
    expect(built('alpha/main.js')).toBe(true);
    expect(built('alpha/tally-worker.js')).toBe(true);
    expect(built('beta/main.js')).toBe(true);
    expect(built('beta/tally-worker.js')).toBe(false);
    expect(existsSync(join(dir, 'dist/apps/gamma'))).toBe(false);
  });

  it('builds only the apps it is given, and names a root that is not an app', () => {
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    execFileSync(process.execPath, [BUILD, 'apps/beta'], { cwd: dir, stdio: 'pipe' });
    expect(built('beta/main.js')).toBe(true);
    expect(built('alpha/main.js')).toBe(false);
    expect(() =>
      execFileSync(process.execPath, [BUILD, 'apps/gamma'], { cwd: dir, stdio: 'pipe' }),
    ).toThrow(/apps\/gamma has no src\/main.ts/);
  });
});
