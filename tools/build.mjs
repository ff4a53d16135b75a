// Bundles apps with esbuild: workspace libs are inlined (tsconfig paths), packages from
// node_modules stay external so native modules load from their own folders.
//
// Nothing here lists an app or a worker. Every apps/NAME/src/main.ts is an app, bundled to
// dist/apps/NAME/main.js. Every apps/*/src/*-worker.ts and libs/*/src/*-worker.ts is a worker-
// thread entry, loaded by file name from the folder of the app's main.js
// (`path.join(__dirname, 'NAME-worker.js')`): it is bundled next to each app whose bundle
// names that file. `node tools/build.mjs` builds every app; `node tools/build.mjs apps/cli`
// builds the ones named (the Nx build target of each app calls it so).
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const options = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

/** The files DIR/PROJECT/src/FILE whose name matches, sorted. */
function sources(dir, match) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((project) => {
      const src = join(dir, project, 'src');
      return existsSync(src)
        ? readdirSync(src)
            .filter(match)
            .map((f) => join(src, f))
        : [];
    })
    .sort();
}

/** The app roots under apps/ that have an entry point, sorted. */
export function discoverApps() {
  return sources('apps', (f) => f === 'main.ts').map((main) => dirname(dirname(main)));
}

/** Worker entries by output name (`validate-worker`), from apps and libs. */
export function discoverWorkers() {
  const workers = new Map();
  const isWorker = (f) => f.endsWith('-worker.ts');
  for (const file of [...sources('apps', isWorker), ...sources('libs', isWorker)]) {
    const name = basename(file, '.ts');
    if (workers.has(name)) {
      throw new Error(`two workers would be bundled as ${name}.js: ${workers.get(name)}, ${file}`);
    }
    workers.set(name, file);
  }
  return workers;
}

/** Bundles one app's main, then the workers its bundle loads by file name, into dist/APP. */
export async function buildApp(appRoot, workers = discoverWorkers()) {
  const outdir = join('dist', appRoot);
  await build({ ...options, entryPoints: { main: join(appRoot, 'src/main.ts') }, outdir });
  const bundle = readFileSync(join(outdir, 'main.js'), 'utf8');
  const used = [...workers].filter(([name]) => bundle.includes(`${name}.js`));
  if (used.length > 0) {
    await build({ ...options, entryPoints: Object.fromEntries(used), outdir });
  }
  return { app: appRoot, workers: used.map(([name]) => name) };
}

const requested = process.argv.slice(2);
const apps = requested.length > 0 ? requested : discoverApps();
for (const app of apps) {
  if (!existsSync(join(app, 'src/main.ts'))) throw new Error(`${app} has no src/main.ts`);
}
const workers = discoverWorkers();
await Promise.all(apps.map((app) => buildApp(app, workers)));
