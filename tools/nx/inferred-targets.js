// An Nx plugin (nx.json `plugins`): every project.json gets its targets from here, so a new lib
// or app needs no target list of its own.
//   lint       ESLint (with the boundary rules) and Prettier over the project's folder
//   typecheck  tsc over the project's files (tools/nx/typecheck.mjs)
//   test       jest (the root jest.config.js) over the project's folder
//   build      apps only (a project with src/main.ts): tools/build.mjs bundles it into dist/
// Caching and inputs are in nx.json targetDefaults. A project.json may still add to a target
// (the e2e project's test depends on every app's build).
const { createNodesFromFiles } = require('@nx/devkit');
const { existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

const run = (command) => ({ executor: 'nx:run-commands', options: { command } });

/** The targets of the project at `root` (relative to the workspace). */
function targetsOf(root, workspaceRoot) {
  const targets = {
    lint: run(`eslint ${root} && prettier --check ${root}`),
    typecheck: run(`node tools/nx/typecheck.mjs ${root}`),
    test: run(`jest --ci --passWithNoTests --roots=${root}`),
  };
  if (existsSync(join(workspaceRoot, root, 'src/main.ts'))) {
    targets.build = {
      ...run(`node tools/build.mjs ${root}`),
      outputs: [`{workspaceRoot}/dist/${root}`],
    };
  }
  return targets;
}

exports.createNodes = [
  '**/project.json',
  (files, options, context) =>
    createNodesFromFiles(
      (file, _options, ctx) => {
        const root = dirname(file);
        // The workspace's own project.json (none today) would take every file: no inferred targets.
        if (root === '.') return {};
        return { projects: { [root]: { targets: targetsOf(root, ctx.workspaceRoot) } } };
      },
      files,
      options,
      context,
    ),
];
