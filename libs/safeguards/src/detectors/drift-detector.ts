// Module-level alias: global lookups inside hot update loops are slow under jest's vm sandbox.
const isFinite = Number.isFinite;

/**
 * The bookkeeping every streaming drift detector here shares, so that ADWIN and Page-Hinkley
 * count and report alike: non-finite values are skipped (and counted), finite ones counted,
 * and each detection recorded at its 1-based position among the finite values. A detector
 * supplies only `observe`, its test on one finite value.
 */
export abstract class DriftDetector {
  private _t = 0;
  private _drift = false;
  private _skipped = 0;
  private readonly _detections: number[] = [];

  /** Feeds one value; true when it signals drift. Non-finite values are skipped. */
  update(x: number): boolean {
    if (!isFinite(x)) {
      this._skipped++;
      this._drift = false;
      return false;
    }
    this._t++;
    this._drift = this.observe(x);
    if (this._drift) this._detections.push(this._t);
    return this._drift;
  }

  /** Takes in one finite value (the `t`-th); true when it signals drift. */
  protected abstract observe(x: number): boolean;

  /** True when the last `update` signalled drift. */
  get drift_detected(): boolean {
    return this._drift;
  }
  /** Number of detections so far. */
  get detections(): number {
    return this._detections.length;
  }
  /** 1-based positions (among finite values) of the values that signalled drift. */
  get detection_times(): readonly number[] {
    return [...this._detections];
  }
  /** Finite values seen in total. */
  get t(): number {
    return this._t;
  }
  /** Non-finite values ignored. */
  get skipped(): number {
    return this._skipped;
  }
}
