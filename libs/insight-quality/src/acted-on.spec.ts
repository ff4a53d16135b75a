import { actedOn, DAY_MS } from './acted-on';
import type { InsightDelivery, RecommendedAction } from './delivery';
import type { ApplicationOutcome, UserOutcomes } from './outcome-queries';
import { insightQualitySettings } from './settings';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const S = insightQualitySettings({ acted_on_window_days: 28, acted_on_share: 0.5 });

function delivery(action: RecommendedAction, user: string | null = 'u1'): InsightDelivery {
  return {
    delivery_id: '0123456789abcdef',
    user_id: user,
    delivered_at: new Date(T0).toISOString(),
    kind: 'weekly_insight',
    source_id: 'w',
    action,
    predicted_effect: null,
    confidence: 'HIGH',
    evidence: [{ kind: 'causal_effect', id: 'e', summary: '' }],
  };
}

function app(day: number, fields: Partial<ApplicationOutcome> = {}): ApplicationOutcome {
  return {
    at_ms: T0 + day * DAY_MS,
    interviewed: false,
    tailored: false,
    weekday: 2,
    hour: 9,
    category: 'target',
    edit_types: [],
    ...fields,
  };
}

const none: UserOutcomes = { applications: [], edits: [], feedback: [] };
const edit = { type: 'resume_edit', edit_type: 'added_keywords', description: 'd' } as const;

describe('acted on', () => {
  it('a resume edit: the first rewrite adding it inside the window, not one before or after', () => {
    const rewrite = (day: number, added: string[], carried = added) => ({
      at_ms: T0 + day * DAY_MS,
      added,
      carried,
    });
    expect(
      actedOn(delivery(edit), { ...none, edits: [rewrite(3, ['added_keywords'])] }, S),
    ).toEqual({ status: 'acted', acted_at_ms: T0 + 3 * DAY_MS });
    expect(
      actedOn(delivery(edit), { ...none, edits: [rewrite(40, ['added_keywords'])] }, S).status,
    ).toBe('not_acted');
    // Carried at delivery: there was nothing left to do.
    expect(
      actedOn(delivery(edit), { ...none, edits: [rewrite(-5, ['added_keywords'])] }, S).status,
    ).toBe('already_done');
    expect(
      actedOn(delivery(edit), { ...none, edits: [rewrite(2, ['reorganized_sections'])] }, S).status,
    ).toBe('not_acted');
  });

  it('a resume edit: accepting (or editing) the suggestion delivered counts; rejecting it does not', () => {
    const withId = { ...edit, suggestion_id: 'sg-1' };
    const answer = (
      type: 'SUGGESTION_ACCEPTED' | 'SUGGESTION_EDITED' | 'SUGGESTION_REJECTED',
      id: string,
    ) => ({
      ...none,
      feedback: [{ at_ms: T0 + DAY_MS, type, suggestion_id: id, edit_type: 'added_keywords' }],
    });
    expect(actedOn(delivery(withId), answer('SUGGESTION_EDITED', 'sg-1'), S).status).toBe('acted');
    expect(actedOn(delivery(withId), answer('SUGGESTION_ACCEPTED', 'sg-2'), S).status).toBe(
      'not_acted',
    );
    expect(actedOn(delivery(withId), answer('SUGGESTION_REJECTED', 'sg-1'), S).status).toBe(
      'not_acted',
    );
    // Without a suggestion id, its edit type links the answer.
    expect(actedOn(delivery(edit), answer('SUGGESTION_ACCEPTED', 'sg-9'), S).status).toBe('acted');
  });

  it('tailoring, timing and targets: at least the share of applications in the window', () => {
    const tailoring = delivery({ type: 'tailoring', description: 'd' });
    const half = {
      ...none,
      applications: [app(1, { tailored: true }), app(2), app(50, { tailored: true })],
    };
    expect(actedOn(tailoring, half, S)).toEqual({ status: 'acted', acted_at_ms: T0 + DAY_MS });
    const few = { ...none, applications: [app(1, { tailored: true }), app(2), app(3)] };
    expect(actedOn(tailoring, few, S).status).toBe('not_acted');
    expect(actedOn(tailoring, none, S).status).toBe('not_acted');

    // Already tailoring at the share in the window before: nothing to act on, not an actor.
    const habit = { ...none, applications: [app(-20, { tailored: true }), ...half.applications] };
    expect(actedOn(tailoring, habit, S)).toEqual({ status: 'already_done', acted_at_ms: null });
    // Before the window before, or under the share in it: still theirs to act on.
    const older = { ...none, applications: [app(-40, { tailored: true }), ...half.applications] };
    expect(actedOn(tailoring, older, S).status).toBe('acted');
    const mixed = {
      ...none,
      applications: [app(-20, { tailored: true }), app(-10), app(-5), ...half.applications],
    };
    expect(actedOn(tailoring, mixed, S).status).toBe('acted');

    const morning = delivery({ type: 'timing', weekdays: [2], hours: [6, 12], description: 'd' });
    const apps = { ...none, applications: [app(1), app(2, { hour: 14 }), app(3, { weekday: 4 })] };
    expect(actedOn(morning, apps, S).status).toBe('not_acted');
    expect(
      actedOn(morning, { ...none, applications: [app(1), app(2, { hour: 14 })] }, S).status,
    ).toBe('acted');

    const reach = delivery({ type: 'target', category: 'reach', description: 'd' });
    expect(
      actedOn(reach, { ...none, applications: [app(1, { category: 'reach' })] }, S).status,
    ).toBe('acted');
  });

  it('a layer configuration or an action with no act in the log is not observable', () => {
    const config = delivery(
      { type: 'config_change', layer: 2, parameter: 'p', value: 1, description: 'd' },
      null,
    );
    expect(actedOn(config, none, S).status).toBe('not_observable');
    expect(actedOn(delivery({ type: 'other', description: 'd' }), none, S).status).toBe(
      'not_observable',
    );
  });
});
