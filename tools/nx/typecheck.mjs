// Type-checks one project (`node tools/nx/typecheck.mjs libs/stats`), the typecheck target of
// tools/nx/inferred-targets.js. tsc takes no file list beside a tsconfig, so this writes a
// throwaway one: the root settings (tsconfig.base.json, its paths) over the project's files,
// plus the workspace's ambient declarations (libs/*/src/*.d.ts, e.g. stats' jstat.d.ts),
// which an import does not bring in. Imported libs are checked as far as the project uses them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspace = resolve(import.meta.dirname, '../..');
const project = process.argv[2];
if (!project || !existsSync(join(workspace, project))) {
  console.error(`usage: node tools/nx/typecheck.mjs PROJECT_ROOT (got ${project ?? 'nothing'})`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'typecheck-'));
const config = join(dir, 'tsconfig.json');
writeFileSync(
  config,
  JSON.stringify({
    extends: join(workspace, 'tsconfig.base.json'),
    compilerOptions: { noEmit: true, typeRoots: [join(workspace, 'node_modules/@types')] },
    include: [join(workspace, project, '**/*.ts'), join(workspace, 'libs/*/src/**/*.d.ts')],
  }),
);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', config], { stdio: 'inherit' });
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
