/** Every event type of the wire format v1 (shared/contract/EVENTS.md). */
export const EVENT_TYPES = [
  'APPLICATION_CREATED',
  'APPLICATION_SUBMITTED',
  'STATUS_CHANGED',
  'MODE_CHANGED',
  'TARGET_ADJUSTED',
  'PLAN_GENERATED',
  'RESUME_REWRITTEN',
  'SCORE_CHANGED',
  'SUGGESTION_ACCEPTED',
  'SUGGESTION_EDITED',
  'SUGGESTION_REJECTED',
  'USER_PROFILE_UPDATED',
  'RESUME_SNAPSHOT',
  'EXPERIMENT_EXPOSURE',
  'JOB_POSTED',
  'COMPANY_SIGNAL',
  'USER_OPTED_OUT',
  'USER_DELETION_REQUESTED',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Event types that describe the market rather than a user: they carry no `user_id`. */
export const USERLESS_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  'JOB_POSTED',
  'COMPANY_SIGNAL',
]);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}
