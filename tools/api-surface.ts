/**
 * The public API surface of each lib: how many symbols its `src/index.ts` exports (values and
 * types), as the TypeScript checker resolves them through every re-export. The curated indexes
 * keep this to what other projects use and the lib's README documents.
 *
 *   npx tsx tools/api-surface.ts            # every lib
 *   npx tsx tools/api-surface.ts stats ml   # some
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const root = join(__dirname, '..');
const libs =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : readdirSync(join(root, 'libs')).sort();
const config = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
if (!config) throw new Error('tsconfig.json: could not be read');
const indexes = libs.map((lib) => join(root, 'libs', lib, 'src', 'index.ts'));
const program = ts.createProgram(indexes, { ...config.options, noEmit: true });
const checker = program.getTypeChecker();

console.log('lib\texported\tvalues\ttypes only');
for (const [i, lib] of libs.entries()) {
  const source = program.getSourceFile(indexes[i]);
  const indexModule = source && checker.getSymbolAtLocation(source);
  if (!indexModule) {
    console.log(`${lib}\t-\t-\t-`);
    continue;
  }
  const exported = checker.getExportsOfModule(indexModule);
  const values = exported.filter((s) => {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    return (target.flags & ts.SymbolFlags.Value) !== 0;
  }).length;
  console.log(`${lib}\t${exported.length}\t${values}\t${exported.length - values}`);
}
