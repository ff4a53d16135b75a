import { randomBytes } from 'node:crypto';

/** Limits on what an error sends back to a caller. */
export interface ErrorDetailsSettings {
  /**
   * Most UTF-8 bytes of a status message. grpc-js percent-encodes it into the `grpc-message`
   * trailer (up to 3 characters per byte), and clients refuse trailers beyond 8-16 KB: an
   * error echoing a 200 KB field broke the caller's channel instead of telling it what failed.
   */
  readonly max_bytes: number;
}

export const DEFAULT_ERROR_DETAILS: ErrorDetailsSettings = Object.freeze({ max_bytes: 1024 });

/** Where internal errors are written in full (the service's log). */
export type ErrorLog = (line: string) => void;

const stderrLog: ErrorLog = (line) => process.stderr.write(`${line}\n`);

/** `text` cut to at most `maxBytes` of UTF-8 (on a character boundary), saying how much was cut. */
export function capDetails(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  const marker = ` … (${bytes.length} bytes, cut)`;
  const keep = Math.max(0, maxBytes - Buffer.byteLength(marker));
  // Decoding a cut multi-byte sequence yields U+FFFD at the end; drop it.
  const head = bytes
    .subarray(0, keep)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return head + marker;
}

/**
 * The message a caller sees for an error. An internal error (a bug, a lock held by another
 * process, a file that cannot be opened) says only that it happened and an id, and its whole
 * message and stack go to the service's log under that id: internal paths, process ids and
 * SQL never reach a caller. Every other message is the caller's to act on, capped in size.
 */
export function callerDetails(
  error: Error,
  internal: boolean,
  settings: ErrorDetailsSettings = DEFAULT_ERROR_DETAILS,
  log: ErrorLog = stderrLog,
): string {
  if (!internal) return capDetails(error.message, settings.max_bytes);
  const id = randomBytes(6).toString('hex');
  log(`internal error ${id}: ${error.stack ?? `${error.name}: ${error.message}`}`);
  return `internal error (id ${id}); the service's log has the detail`;
}
