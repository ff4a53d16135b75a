import { join, resolve } from 'node:path';
import { z } from 'zod';

// The environment settings every app shares, one zod schema each: a value is coerced, ranged,
// and refused with the variable's name and the rule. Each app reads them once, at start, and
// passes what it read down; libraries take values, not process.env.

/** An environment variable's value broke its rule; the message names the variable. */
export class SettingError extends RangeError {
  override readonly name = 'SettingError';
  constructor(
    readonly variable: string,
    readonly value: string,
    readonly rule: string,
  ) {
    super(`${variable}: ${value} ${rule}`);
  }
}

/** A whole number in [min, max] (from text or a number); `rule` is the error's wording. */
export function wholeNumber(rule: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  const error = rule;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** Bounds of a number: each optional; `gt` and `lt` exclude the bound, `gte` and `lte` include it. */
export interface NumberBounds {
  readonly gt?: number;
  readonly gte?: number;
  readonly lt?: number;
  readonly lte?: number;
}

/** A finite number (from text or a number) within `bounds`; `rule` is the error's wording. */
export function boundedNumber(rule: string, bounds: NumberBounds = {}) {
  const error = rule;
  let schema = z.coerce.number({ error }).finite({ error });
  if (bounds.gt !== undefined) schema = schema.gt(bounds.gt, { error });
  if (bounds.gte !== undefined) schema = schema.gte(bounds.gte, { error });
  if (bounds.lt !== undefined) schema = schema.lt(bounds.lt, { error });
  if (bounds.lte !== undefined) schema = schema.lte(bounds.lte, { error });
  return schema;
}

/** A number > 0 (from text or a number), finite; `rule` is the error's wording. */
export function positiveNumber(rule: string) {
  return boundedNumber(rule, { gt: 0 });
}

/** A TCP port: 0 (any free port) to 65535. */
export const portSchema = wholeNumber('is not a port (0-65535)', 0, 65535);

/**
 * `env[variable]` through `schema`; unset or empty gives `fallback`. A value the schema refuses
 * throws a SettingError naming the variable and the schema's rule.
 */
export function readSetting<T>(
  env: NodeJS.ProcessEnv,
  variable: string,
  schema: z.ZodType<T>,
  fallback: T,
): T {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new SettingError(variable, raw, parsed.error.issues[0]?.message ?? 'is not valid');
}

/** The embedded document store under `cwd`: `sqlite://<cwd>/.hirelearn/documents.sqlite`. */
export function defaultDocumentsUrl(cwd = process.cwd()): string {
  return `sqlite://${join(resolve(cwd), '.hirelearn', 'documents.sqlite')}`;
}

/** HIRELEARN_DOCUMENTS, else the embedded document store under `cwd`. */
export function documentsUrl(env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  return readSetting(env, 'HIRELEARN_DOCUMENTS', z.string(), defaultDocumentsUrl(cwd));
}

/**
 * HIRELEARN_DUCKDB_MEMORY, the event store's DuckDB memory_limit ('512MB', '2GB'); undefined
 * when unset (the store's default applies).
 */
export function duckdbMemory(env: NodeJS.ProcessEnv): string | undefined {
  const size = z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, {
      error: 'must be a size such as 512MB or 2GB',
    });
  return readSetting<string | undefined>(env, 'HIRELEARN_DUCKDB_MEMORY', size, undefined);
}

/** Where a service listens. */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** The host every service listens on when its own HIRELEARN_<SERVICE>_HOST is unset. */
export const SHARED_HOST_VARIABLE = 'HIRELEARN_SERVICE_HOST';

/**
 * A service's address from one naming rule: HIRELEARN_<SERVICE>_HOST and HIRELEARN_<SERVICE>_PORT
 * (`service` is e.g. 'REGISTRY', 'LEARNING_ENGINE', 'ENSEMBLE'). The host falls back to
 * HIRELEARN_SERVICE_HOST (the name the model services and the monitor used), then 127.0.0.1.
 */
export function listenAddress(
  env: NodeJS.ProcessEnv,
  service: string,
  defaultPort: number,
): ListenAddress {
  const shared = readSetting(env, SHARED_HOST_VARIABLE, z.string(), '127.0.0.1');
  return Object.freeze({
    host: readSetting(env, `HIRELEARN_${service}_HOST`, z.string(), shared),
    port: readSetting(env, `HIRELEARN_${service}_PORT`, portSchema, defaultPort),
  });
}
