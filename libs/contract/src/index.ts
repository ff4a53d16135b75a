/**
 * @hirelearn/contract — the wire format v1 of the events (shared/contract/EVENTS.md): a zod
 * schema per event type, the runtime check and the static type from one definition, errors
 * naming the field path and the rule, JSON Schema for producers in other languages.
 * The public API only: what other projects import. The per-type schemas, the primitives
 * behind them and the validation rules stay internal (specs import them by path).
 */

// The events and their types.
export { EVENT_TYPES, type EventType } from './event-types';
export { HirelearnEvent, NULLABLE_FIELD_NAMES, type EventOf } from './schemas';

// Validating an event, or one NDJSON line, at the door.
export { validateEvent, validateLine, type Validation, type InvalidReason } from './validate';

// The contract's vocabularies and shared checks.
export { COMPANY_SIZES, EDUCATION_LEVELS, SENIORITY_LEVELS, identifier } from './primitives';
export { parseInstant } from './instant';
export { escapeRegex } from './regex';

// JSON Schema for producers (`hirelearn schema`).
export { allJsonSchemas } from './json-schema';

// A valid example of every event type, and the strings every consumer must carry verbatim.
export { exampleEvents } from './examples';
export { HOSTILE_STRINGS } from './hostile-strings';
