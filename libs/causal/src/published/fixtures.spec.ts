import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../fixtures');

describe('published fixtures', () => {
  const dirs = readdirSync(root);

  it('are the five data sets, each with a SOURCE.md', () => {
    expect(dirs.sort()).toEqual(['cigarettes-sw', 'kielmc', 'lalonde', 'mroz', 'senate-rd']);
    for (const d of dirs) expect(readdirSync(path.join(root, d))).toContain('SOURCE.md');
  });

  it.each(dirs)('%s: every data file has the sha256 its SOURCE.md records', (d) => {
    const source = readFileSync(path.join(root, d, 'SOURCE.md'), 'utf8');
    const files = readdirSync(path.join(root, d)).filter((f) => f !== 'SOURCE.md');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const sha = createHash('sha256')
        .update(readFileSync(path.join(root, d, f)))
        .digest('hex');
      expect({ file: f, recorded: source.includes(sha) }).toEqual({ file: f, recorded: true });
    }
  });
});
