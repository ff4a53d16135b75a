/**
 * How an insight is made: a stable id from the user, the week and the subject (so the same
 * insight delivered twice is one row of the delivery log), and a frozen object. The id is a
 * hash: it names no user in the files it is written to.
 */
import { createHash } from 'node:crypto';
import type { Evidence, Insight, InsightType } from './types';

/** An insight before its id: what it is about within its type (a treatment, a role) makes the id. */
export interface InsightDraft extends Omit<Insight, 'insight_id'> {
  readonly subject: string;
}

/** `wi-` and 16 hex digits of sha256(user, week, type, subject). */
export function insightId(
  userId: string,
  week: string,
  type: InsightType,
  subject: string,
): string {
  const h = createHash('sha256')
    .update(JSON.stringify([userId, week, type, subject]))
    .digest('hex');
  return `wi-${h.slice(0, 16)}`;
}

export function makeInsight(userId: string, week: string, d: InsightDraft): Insight {
  return Object.freeze({
    insight_id: insightId(userId, week, d.type, d.subject),
    section: d.section,
    type: d.type,
    title: d.title,
    detail: d.detail,
    evidence: d.evidence,
    confidence: d.confidence,
    action: d.action,
    source: d.source,
  });
}

/** A probability difference in points: `+6.1 points [3.2, 9.0]`. */
export function points(e: Evidence): string {
  const p = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
  return `${p(e.effect)} points [${p(e.interval[0])}, ${p(e.interval[1])}]`;
}

/** A relative change in percent: `-18% [-27%, -8%]`. */
export function percent(e: Evidence): string {
  const p = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(100 * x)}%`;
  return `${p(e.effect)} [${p(e.interval[0])}, ${p(e.interval[1])}]`;
}

/** A difference in applications: `+5.8 [1.1, 10.5]`. */
export function count(e: Evidence): string {
  const p = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
  return `${p(e.effect)} [${p(e.interval[0])}, ${p(e.interval[1])}]`;
}

/** A treatment's name in words: `added_metrics_to_bullets` → `added metrics to bullets`. */
export const words = (name: string): string => name.replace(/_/g, ' ');

/**
 * A count with thousands separators: the privacy audit reads a run of 7+ digits in text as a
 * phone number, and `201,388` is also easier to read.
 */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `1 application`, `3 applications`. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
