import type { JsonValue } from '@hirelearn/optimize';

/**
 * A parameter of a layer's configuration is a dotted path into it (`mode_threshold`,
 * `weights`, `weights.signal`, `submission_hours.start`): what a recommendation or an
 * experiment variant names, and what it changes.
 */

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function segments(parameter: string): string[] {
  const parts = parameter.split('.');
  if (parts.some((p) => !SEGMENT.test(p)))
    throw new RangeError(
      `parameter: '${parameter}' is not a dotted path of field names (e.g. weights.signal)`,
    );
  return parts;
}

type JsonObject = { readonly [key: string]: JsonValue };
const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value at `parameter`, or undefined when the config has no such field. */
export function parameterValue(config: unknown, parameter: string): JsonValue | undefined {
  let at: unknown = config;
  for (const key of segments(parameter)) {
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at as JsonValue;
}

/**
 * A copy of `config` with `parameter` set to `value` (the copy shares nothing mutable with
 * the original). A missing parent is created, so a wrong name reaches the schema, which
 * names it, rather than vanishing here.
 */
export function withParameter(config: unknown, parameter: string, value: JsonValue): JsonValue {
  const [key, ...rest] = segments(parameter);
  const base: JsonObject = isObject(config) ? config : {};
  const inner = rest.length === 0 ? clone(value) : withParameter(base[key], rest.join('.'), value);
  return { ...clone(base), [key]: inner };
}

function clone<T extends JsonValue>(value: T): T {
  return structuredClone(value) as T;
}
