import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IntegrityError, NotFoundError } from '@hirelearn/rpc';

/** Lowercase hex sha256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Artifacts stored under their sha256 (`dir/ab/abcdef...`): the same bytes are stored once,
 * and a stored file that no longer hashes to its name is refused when read.
 */
export class ArtifactStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  uriOf(sha256: string): string {
    return pathToFileURL(this.pathOf(sha256)).href;
  }

  /** Stores bytes (idempotent); written to a temporary name and renamed, so never half written. */
  async put(bytes: Uint8Array): Promise<{ sha256: string; uri: string; size_bytes: number }> {
    const sha256 = sha256Hex(bytes);
    const path = this.pathOf(sha256);
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, bytes);
      await rename(tmp, path);
    } finally {
      await rm(tmp, { force: true });
    }
    return { sha256, uri: this.uriOf(sha256), size_bytes: bytes.byteLength };
  }

  /** The bytes stored under sha256, verified; throws IntegrityError if they changed. */
  async get(sha256: string, label: string): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new NotFoundError(`artifact of ${label} is missing: ${this.pathOf(sha256)}`);
      throw error;
    }
    const actual = sha256Hex(bytes);
    if (actual !== sha256)
      throw new IntegrityError(
        // No path: the message reaches callers; the file is found by its sha256.
        `artifact of ${label} is corrupted: the stored file hashes to sha256 ${actual}, ` +
          `registered as ${sha256}; refusing to load it (register the version again from its source)`,
      );
    return bytes;
  }
}
