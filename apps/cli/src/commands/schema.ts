import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { allJsonSchemas } from '@hirelearn/contract';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('write the JSON Schema of every event type, for producers')
    .requiredOption('--out <dir>', 'folder to write into')
    .action((opts: { out: string }) => {
      mkdirSync(opts.out, { recursive: true });
      const files = allJsonSchemas();
      for (const [name, schema] of Object.entries(files)) {
        writeFileSync(path.join(opts.out, name), `${JSON.stringify(schema, null, 2)}\n`);
      }
      process.stdout.write(`wrote ${Object.keys(files).length} JSON Schemas to ${opts.out}\n`);
    });
}
