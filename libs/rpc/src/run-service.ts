/** A started gRPC service: where it listens and how to stop it. */
export interface StartedService {
  readonly address: string;
  shutdown(): Promise<void>;
}

/**
 * Starts the service, prints one line with its address (`NAME listening on ADDRESS`, useful
 * with port 0), and resolves once SIGINT or SIGTERM has shut it down cleanly. Rejects if it
 * cannot start or stop: the caller says so in its own words (`runService` for the apps, the
 * CLI's error handler for `hirelearn serve`).
 */
export async function serveUntilInterrupted(
  name: string,
  start: () => Promise<StartedService>,
): Promise<void> {
  const running = await start();
  process.stdout.write(`${name} listening on ${running.address}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await running.shutdown();
}

/**
 * The main of every service app: serves until interrupted (`serveUntilInterrupted`), then
 * exits 0; exits 1 with the error's message if it cannot start or stop.
 */
export function runService(name: string, start: () => Promise<StartedService>): void {
  serveUntilInterrupted(name, start).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
