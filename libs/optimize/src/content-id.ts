import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './recommendation';

/**
 * `<kind>:<first 16 hex of sha256(canonical JSON)>`: the id of a table an optimizer computed
 * (a calibration table, a timing table), the same whenever the same data give the same table.
 */
export function contentId(kind: string, value: unknown): string {
  const json = canonicalJson(JSON.parse(JSON.stringify(value)) as JsonValue);
  return `${kind}:${createHash('sha256').update(json).digest('hex').slice(0, 16)}`;
}
