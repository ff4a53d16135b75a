/**
 * The model registry server: serves `hirelearn.v1.Registry` over gRPC on the document store
 * and artifact folder its settings name, until SIGINT or SIGTERM. Prints one line with the
 * address it listens on (useful with port 0).
 */
import { serveRegistry } from '@hirelearn/registry';
import { settings } from './settings';

async function main(): Promise<void> {
  const running = await serveRegistry(settings);
  process.stdout.write(`registry listening on ${running.address}\n`);
  const stop = (): void => {
    running.shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`registry: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
