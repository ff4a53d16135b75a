import { requireAtLeast, requireInteger } from '../internal/validate';
import { DriftDetector } from './drift-detector';

// Module-level aliases: global lookups inside hot update loops are slow under jest's vm sandbox.
const { max, min } = Math;

export type PageHinkleyDirection = 'increase' | 'decrease' | 'both';

export interface PageHinkleySettings {
  /** δ: magnitude of change tolerated per step; smaller mean shifts are ignored (default 0.02). */
  readonly delta: number;
  /** λ: alarm threshold on the cumulative deviation (default 40). */
  readonly lambda: number;
  /**
   * α: forgetting factor applied to the cumulative sum, in (0, 1] (default 1: none).
   * With α < 1 the sum is an AR(1) process around −δ/(1 − α) whose range alone exceeds λ
   * on long streams (α = 1 − 1e-4 with δ = 0.02, λ = 40 alarmed on 27 of 100 quiet 20k
   * streams), so keep 1 unless λ is re-tuned.
   */
  readonly alpha: number;
  /** No alarm before this many values since the last reset (default 30). */
  readonly min_instances: number;
  /** Which change to detect; an error stream cares about `increase` (default). */
  readonly direction: PageHinkleyDirection;
}

export const DEFAULT_PAGE_HINKLEY_SETTINGS: PageHinkleySettings = Object.freeze({
  delta: 0.02,
  lambda: 40,
  alpha: 1,
  min_instances: 30,
  direction: 'increase',
});

/**
 * Page-Hinkley test (Page 1954; Hinkley 1971; in the streaming form of Gama et al. 2013).
 * With x̄_t the running mean since the last reset:
 *   m_t = α m_{t−1} + (x_t − x̄_t − δ),  M_t = min_{s≤t} m_s,  PH_t = m_t − M_t,
 * and an increase alarm when PH_t > λ (the mirrored statistic for decreases).
 * On an alarm the detector records it and resets its statistics.
 *
 * Defaults (δ = 0.02, λ = 40, α = 1) were chosen on seeded Bernoulli(0.2) error streams
 * (page-hinkley.spec.ts asserts them on 100 seeded streams per scenario):
 * - no shift, 20 000 values: alarms on 1 of 300 streams (0.3%); bound asserted: ≥ 95 of 100
 *   streams alarm-free (and ≥ 19 of 20 streams of 10 000);
 * - 0.2 → 0.35 at t = 5000: median delay 286, 90th percentile 383, none missed, no alarm
 *   before the shift in 300 streams; bounds asserted: median < 400, p90 < 600, ≤ 1 missed,
 *   ≤ 5 with an alarm before the shift.
 * The river defaults (δ = 0.005, λ = 50, α = 1 − 1e-4) alarmed on 46 of 100 quiet 20k streams:
 * a 0/1 error has per-step sd ≈ 0.4 ≫ δ.
 */
export class PageHinkley extends DriftDetector {
  readonly settings: PageHinkleySettings;
  private _n = 0;
  private _mean = 0;
  private _sumUp = 0;
  private _minUp = 0;
  private _sumDown = 0;
  private _maxDown = 0;

  constructor(settings: Partial<PageHinkleySettings> = {}) {
    super();
    const s = { ...DEFAULT_PAGE_HINKLEY_SETTINGS, ...settings };
    requireAtLeast('delta', s.delta, 0);
    requireAtLeast('lambda', s.lambda, 0);
    if (!(s.alpha > 0 && s.alpha <= 1))
      throw new RangeError(`alpha must be in (0, 1], got ${s.alpha}`);
    requireInteger('min_instances', s.min_instances, 1);
    if (!['increase', 'decrease', 'both'].includes(s.direction)) {
      throw new RangeError(`unknown direction ${String(s.direction)}`);
    }
    this.settings = Object.freeze(s);
  }

  /** Updates the statistics with `x`; an alarm (then a reset) when PH_t passes λ. */
  protected observe(x: number): boolean {
    const { delta, lambda, alpha, min_instances, direction } = this.settings;
    this._n++;
    this._mean += (x - this._mean) / this._n;
    this._sumUp = alpha * this._sumUp + (x - this._mean - delta);
    this._minUp = min(this._minUp, this._sumUp);
    this._sumDown = alpha * this._sumDown + (x - this._mean + delta);
    this._maxDown = max(this._maxDown, this._sumDown);
    const up = direction !== 'decrease' && this._sumUp - this._minUp > lambda;
    const down = direction !== 'increase' && this._maxDown - this._sumDown > lambda;
    const alarm = this._n >= min_instances && (up || down);
    if (alarm) this.reset();
    return alarm;
  }

  /** Values seen since the last reset. */
  get n(): number {
    return this._n;
  }
  /** Running mean since the last reset (0 right after a reset). */
  get mean(): number {
    return this._mean;
  }
  /** Current PH statistic (max over the monitored directions). */
  get statistic(): number {
    const up = this.settings.direction !== 'decrease' ? this._sumUp - this._minUp : 0;
    const down = this.settings.direction !== 'increase' ? this._maxDown - this._sumDown : 0;
    return max(up, down);
  }

  private reset(): void {
    this._n = 0;
    this._mean = 0;
    this._sumUp = 0;
    this._minUp = 0;
    this._sumDown = 0;
    this._maxDown = 0;
  }
}
