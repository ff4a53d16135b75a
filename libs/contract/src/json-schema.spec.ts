import { EVENT_TYPES } from './event-types';
import { exampleEvents, REQUIRED_FIELDS } from './examples';
import { allJsonSchemas, eventJsonSchema } from './json-schema';

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

/** The schema node holding `key` as a property, following objects, arrays and optionals. */
function parentOf(schema: Schema, path: string[]): Schema {
  let node = schema;
  for (const key of path) {
    // `nullable`/optional wrappers show up as anyOf; take the object branch.
    const object = (s: Schema): Schema => s.anyOf?.find((b) => b.type === 'object') ?? s;
    node = object(node);
    node = /^\d+$/.test(key) ? object(node.items ?? {}) : object(node.properties?.[key] ?? {});
  }
  return node.anyOf?.find((b) => b.type === 'object') ?? node;
}

describe('allJsonSchemas', () => {
  const files = allJsonSchemas();

  it('has one schema per event type plus event.json (19 files)', () => {
    expect(Object.keys(files).sort()).toEqual(
      [...EVENT_TYPES.map((t) => `${t}.json`), 'event.json'].sort(),
    );
    expect(Object.keys(files)).toHaveLength(19);
  });

  it.each(EVENT_TYPES)('%s.json is a draft 2020-12 object schema pinned to its type', (type) => {
    const schema = files[`${type}.json`] as Schema & Record<string, unknown>;
    expect(schema).toEqual(eventJsonSchema(type));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`https://hirelearn.dev/schemas/v1/${type}.json`);
    expect(schema.type).toBe('object');
    expect(schema.properties?.event_type).toMatchObject({ const: type });
  });

  it.each(EVENT_TYPES)(
    "%s.json lists every required field of the contract in 'required'",
    (type) => {
      const schema = files[`${type}.json`] as Schema;
      // days_to_response depends on the status, which a plain `required` cannot say.
      const paths = REQUIRED_FIELDS[type].filter((p) => p !== 'outcome.days_to_response');
      for (const dotted of ['event_type', ...paths]) {
        const path = dotted.split('.');
        const parent = parentOf(schema, path.slice(0, -1));
        expect({ field: dotted, required: parent.required ?? [] }).toEqual({
          field: dotted,
          required: expect.arrayContaining([path[path.length - 1]]),
        });
      }
    },
  );

  it.each(EVENT_TYPES)("%s example's top-level keys are all declared properties", (type) => {
    const schema = files[`${type}.json`] as Schema;
    for (const key of Object.keys(exampleEvents()[type])) {
      expect(schema.properties).toHaveProperty(key);
    }
  });

  it('user_id is required except for JOB_POSTED and COMPANY_SIGNAL', () => {
    for (const type of EVENT_TYPES) {
      const required = (files[`${type}.json`] as Schema).required ?? [];
      const userless = type === 'JOB_POSTED' || type === 'COMPANY_SIGNAL';
      expect({ type, user_id: required.includes('user_id') }).toEqual({
        type,
        user_id: !userless,
      });
    }
  });

  it('event.json is the union of all types', () => {
    const union = files['event.json'] as Schema & Record<string, unknown>;
    expect(union.$id).toBe('https://hirelearn.dev/schemas/v1/event.json');
    const branches = union.oneOf ?? union.anyOf ?? [];
    expect(branches).toHaveLength(EVENT_TYPES.length);
    const consts = branches.map(
      (b) => (b.properties?.event_type as Record<string, unknown> | undefined)?.const,
    );
    expect(consts.sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('is plain JSON (survives a round trip)', () => {
    expect(JSON.parse(JSON.stringify(files))).toEqual(files);
  });
});
