import * as path from 'node:path';

/** The errors that mean "no write access here" (a read-only folder, file system or mount). */
const ACCESS_CODES: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'EROFS']);

/** True when `error` is a file operation refused for want of write access. */
export function isAccessError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code !== undefined && ACCESS_CODES.has(code);
}

/**
 * A crash left an erasure's complete rewrite beside the store (`rewritten`), and this open
 * could not swap it into the store's place: the swap removes the old WAL and renames the
 * rewrite over the file, which needs write access to the folder, a read-only opener's too.
 * The old file cannot be read instead: it still holds the erased bytes, and its WAL (its
 * latest commits) may already be gone.
 */
export class InterruptedRewriteError extends Error {
  override readonly name = 'InterruptedRewriteError';
  constructor(
    readonly file: string,
    readonly rewritten: string,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `the event store ${file} cannot be opened: ${rewritten} is an erasure's rewrite of it that a ` +
        `crash interrupted, and this open could not put it in the store's place (${why}). ` +
        `An interrupted erasure rewrite is completed by the next writable open; run ` +
        `\`hirelearn ingest\` or any writable command once with write access to ${path.dirname(file)}`,
      { cause },
    );
  }
}
