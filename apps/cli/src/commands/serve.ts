import type { Command } from 'commander';
import { registryServiceSettings, serveRegistry } from '@hirelearn/registry';
import { CliError } from '../cli-error';

/** The `serve` command; each service (`serve ensemble-predictor`, ...) attaches to the same one. */
export function serveCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'serve') ??
    program.command('serve').description('run a gRPC service until interrupted')
  );
}

const port = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new CliError(`--port: '${v}' is not a port`);
  return n;
};

/** Resolves when SIGINT or SIGTERM arrives. */
const interrupted = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

export function registerServe(program: Command): void {
  serveCommand(program)
    .command('registry')
    .description('serve the model registry over gRPC (hirelearn.v1.Registry)')
    .option('--port <n>', 'port (default HIRELEARN_REGISTRY_PORT or 50051; 0: any free port)', port)
    .option('--host <host>', 'interface (default HIRELEARN_REGISTRY_HOST or 127.0.0.1)')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--artifacts <dir>', 'artifact folder (default HIRELEARN_ARTIFACTS)')
    .action(
      async (opts: { port?: number; host?: string; documents?: string; artifacts?: string }) => {
        const running = await serveRegistry(
          registryServiceSettings(process.env, {
            port: opts.port,
            host: opts.host,
            documents_url: opts.documents,
            artifacts_dir: opts.artifacts,
          }),
        );
        process.stdout.write(`registry listening on ${running.address}\n`);
        await interrupted();
        await running.shutdown();
      },
    );
}
