/** A started gRPC service: where it listens and how to stop it. */
export interface StartedService {
  readonly address: string;
  shutdown(): Promise<void>;
}

/**
 * The main of every service app: starts the service, prints one line with its address
 * (useful with port 0), shuts down cleanly on SIGINT or SIGTERM, and exits 1 with the
 * error's message if it cannot start.
 */
export function runService(name: string, start: () => Promise<StartedService>): void {
  start().then(
    (running) => {
      process.stdout.write(`${name} listening on ${running.address}\n`);
      const stop = (): void => {
        running.shutdown().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
