import { InvalidArgumentError } from '@hirelearn/rpc';
import { SHA256_PATTERN } from './artifact-store';
import { ARTIFACT_FORMATS, type ChangeBy, type RegisterVersionInput } from './types';

const MODEL_NAME = /^[a-z][a-z0-9_.-]{0,63}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function fail(path: string, rule: string): never {
  throw new InvalidArgumentError(`${path}: ${rule}`);
}

export function checkModelName(model: string): void {
  if (!MODEL_NAME.test(model))
    fail('model', `'${model}' must be 1-64 of a-z, 0-9, '_', '.', '-', starting with a letter`);
}

export function checkVersionNumber(version: number, path = 'version'): void {
  if (!Number.isInteger(version) || version < 1) fail(path, `${version} must be an integer >= 1`);
}

export function checkChangeBy(change: ChangeBy): void {
  if (!change.by?.trim()) fail('by', 'say who makes the change');
  if (!change.reason?.trim()) fail('reason', 'say why the change is made');
}

/** Checks a registration field by field; the error names the field path and the rule. */
export function checkRegistration(input: RegisterVersionInput, maxBytes: number): void {
  checkModelName(input.model);
  if (!(input.content instanceof Uint8Array) || input.content.byteLength === 0)
    fail('content', 'the artifact bytes must not be empty');
  if (input.content.byteLength > maxBytes)
    fail('content', `${input.content.byteLength} bytes exceed the limit of ${maxBytes}`);
  if (!ARTIFACT_FORMATS.includes(input.format))
    fail('format', `'${input.format}' must be one of ${ARTIFACT_FORMATS.join(', ')}`);
  if (input.expected_sha256 !== undefined && !SHA256_PATTERN.test(input.expected_sha256))
    fail('expected_sha256', 'must be 64 lowercase hex digits');
  for (const [k, v] of Object.entries(input.metrics ?? {}))
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`metrics.${k}`, `${v} must be finite`);
  const w = input.training_data_window;
  if (!w || !RFC3339.test(w.start ?? '')) fail('training_data_window.start', 'must be RFC 3339');
  if (!RFC3339.test(w.end ?? '')) fail('training_data_window.end', 'must be RFC 3339');
  if (Date.parse(w.start) > Date.parse(w.end))
    fail('training_data_window', `start ${w.start} is after end ${w.end}`);
  if (!Number.isSafeInteger(input.seed)) fail('seed', `${input.seed} must be an integer`);
  if (!input.code_version?.trim()) fail('code_version', 'must not be empty');
  if (!input.settings_hash?.trim()) fail('settings_hash', 'must not be empty');
  if (!input.registered_by?.trim()) fail('registered_by', 'say who registers the version');
}
