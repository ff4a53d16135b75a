import type { HirelearnEvent } from '@hirelearn/contract';

/**
 * Where generators put events: `at` is the event's time in ms (it may lie days ahead, e.g. a
 * recruiter's answer); the world releases each event on its day, in time order.
 */
export type Schedule = (event: HirelearnEvent, at: number) => void;
