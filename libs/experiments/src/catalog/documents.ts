/** What the catalog stores: experiments, their change log and their decisions. */
import type { StoredDocument } from '@hirelearn/store';
import type { ExperimentResults } from '../analysis/results';
import type { Experiment } from '../types';

export const EXPERIMENTS_COLLECTION = 'experiments';
export const CHANGES_COLLECTION = 'experiment_changes';
export const DECISIONS_COLLECTION = 'experiment_decisions';

export interface ExperimentDocument extends Experiment, StoredDocument {}

/** Who changed what, when and why: the audit trail of every experiment. */
export interface ExperimentChange extends StoredDocument {
  readonly experiment_id: string;
  /** 0, 1, 2... per experiment: the order of the changes. */
  readonly sequence: number;
  readonly at: string;
  readonly who: string;
  readonly why: string;
  readonly action: string;
  /** The fields that changed, before and after. */
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>>;
}

export type DecisionAction = 'ramp' | 'hold' | 'rollback' | 'rollout' | 'stop';

export interface DecisionCheck {
  readonly check: string;
  readonly passed: boolean;
  readonly detail: string;
}

/** An automatic decision with the evidence it rests on. */
export interface ExperimentDecision extends StoredDocument {
  readonly experiment_id: string;
  readonly sequence: number;
  readonly at: string;
  readonly who: string;
  readonly action: DecisionAction;
  readonly coverage_before: number;
  readonly coverage_after: number;
  readonly checks: readonly DecisionCheck[];
  /** The analysis the decision rests on (null for a manual rollback without one). */
  readonly evidence: ExperimentResults | null;
}

/** Who acts and why; `at` defaults to now. */
export interface Actor {
  readonly who: string;
  readonly why: string;
  readonly at?: string;
}
