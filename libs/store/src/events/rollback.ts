import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Runs `work` in one transaction on `connection`: committed when it resolves, rolled back when
 * it (or the COMMIT) throws, the error thrown as `rollback` returns it, so a rollback that fails
 * too never hides the real cause. Every transaction of the event store goes through here.
 */
export async function withTransaction<T>(
  connection: DuckDBConnection,
  work: () => Promise<T>,
): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    throw await rollback(connection, error);
  }
}

/**
 * Rolls back the open transaction after `error` and returns the error to throw: `error` itself
 * when the rollback works, otherwise an error that leads with `error`'s message and keeps
 * `error` as its cause, with the rollback's failure after it. A statement that fails for want
 * of disk space can end DuckDB's transaction by itself; the ROLLBACK then failed with "cannot
 * rollback - no transaction is active", and that message replaced "No space left on device".
 */
export async function rollback(connection: DuckDBConnection, error: unknown): Promise<unknown> {
  try {
    await connection.run('ROLLBACK');
    return error;
  } catch (rollbackError) {
    const message = error instanceof Error ? error.message : String(error);
    return new RollbackError(message, error, rollbackError);
  }
}

/** The original failure of a transaction whose rollback failed as well. */
export class RollbackError extends Error {
  override name = 'RollbackError';
  constructor(
    message: string,
    cause: unknown,
    /** Why the rollback failed (often: the failure had already ended the transaction). */
    readonly rollbackError: unknown,
  ) {
    super(
      `${message} (the rollback then failed too: ${rollbackError instanceof Error ? rollbackError.message : String(rollbackError)})`,
      { cause },
    );
  }
}
