import { Adwin, PageHinkley } from '@hirelearn/safeguards';
import type { MonitorSettings } from './settings';

/** Detections on one version's error stream, as indices into it. */
export interface ConceptDrift {
  readonly page_hinkley: readonly number[];
  /** ADWIN detections where the recent window's error is higher than before it. */
  readonly adwin: readonly number[];
  /** Detections that count under `concept_drift_rule`. */
  readonly detected: boolean;
}

/**
 * Runs Page-Hinkley (rises only) and ADWIN over the error stream |y − p| in prediction
 * order. ADWIN flags changes either way; a model getting *better* is no reason to roll it
 * back, so an ADWIN detection counts only when its kept (recent) window errs more than the
 * stream before it.
 */
export function detectConceptDrift(
  errors: ArrayLike<number>,
  settings: MonitorSettings,
): ConceptDrift {
  const ph = new PageHinkley({ direction: 'increase', ...settings.page_hinkley });
  const adwin = new Adwin(settings.adwin);
  const phHits: number[] = [];
  const adwinHits: number[] = [];
  let prefix = 0;
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i];
    prefix += e;
    if (ph.update(e)) phHits.push(i);
    if (adwin.update(e)) {
      const before = i + 1 - adwin.n;
      if (before > 0) {
        const recentMean = adwin.mean;
        const earlierMean = (prefix - recentMean * adwin.n) / before;
        if (recentMean > earlierMean) adwinHits.push(i);
      }
    }
  }
  const p = phHits.length > 0;
  const a = adwinHits.length > 0;
  const rule = settings.concept_drift_rule;
  const detected =
    rule === 'page_hinkley' ? p : rule === 'adwin' ? a : rule === 'either' ? p || a : p && a;
  return { page_hinkley: phHits, adwin: adwinHits, detected };
}
