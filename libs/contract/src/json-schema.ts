import { z } from 'zod';
import { EVENT_TYPES, type EventType } from './event-types';
import { EVENT_SCHEMAS, HirelearnEvent } from './schemas';

/** JSON Schema (draft 2020-12) of one event type, for producers in other languages. */
export function eventJsonSchema(type: EventType): Record<string, unknown> {
  return {
    $id: `https://hirelearn.dev/schemas/v1/${type}.json`,
    title: type,
    ...z.toJSONSchema(EVENT_SCHEMAS[type], { io: 'input', unrepresentable: 'any' }),
  };
}

/** Every event type's schema plus the union, keyed by file name. */
export function allJsonSchemas(): Record<string, Record<string, unknown>> {
  const files: Record<string, Record<string, unknown>> = {};
  for (const type of EVENT_TYPES) files[`${type}.json`] = eventJsonSchema(type);
  files['event.json'] = {
    $id: 'https://hirelearn.dev/schemas/v1/event.json',
    title: 'HirelearnEvent',
    ...z.toJSONSchema(HirelearnEvent, { io: 'input', unrepresentable: 'any' }),
  };
  return files;
}
