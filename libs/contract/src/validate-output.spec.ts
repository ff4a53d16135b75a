import { exampleEvents } from './examples';
import { validateEvent } from './validate';

// The event a validation returns is its own object: the contract's defaults are set on it, never
// on the value the caller passed (which it may still use, e.g. to store exactly what arrived).
describe('the validated event', () => {
  it('is a new object; the input keeps its fields as they were', () => {
    const input: Record<string, unknown> = exampleEvents().MODE_CHANGED;
    delete input.schema_version;
    const before = JSON.stringify(input);
    const result = validateEvent(input, new Date('2026-03-01T00:00:00Z'));
    expect(result).toMatchObject({ ok: true, event: { schema_version: 1 } });
    expect(result.ok && result.event).not.toBe(input);
    expect(JSON.stringify(input)).toBe(before);
    expect('schema_version' in input).toBe(false);
  });
});
