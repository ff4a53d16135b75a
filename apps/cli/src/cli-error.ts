/** An error a person can act on: what went wrong and how to fix it. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly fix?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
