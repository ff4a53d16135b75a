import { readFileSync } from 'node:fs';

/**
 * The bytes of a certificate or key file named by `setting`; an unreadable file fails with the
 * setting and the path, so an operator knows which variable or flag to fix.
 */
export function readPem(file: string, setting: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`${setting}: cannot read ${file} (${(error as Error).message})`);
  }
}
