import { logistic, sigmoid } from '@hirelearn/stats';
import { checkTrainingData, type BinaryModel, type FitResult, type LogisticArtifact } from './types';

export interface RidgeLogisticSettings {
  /** Ridge penalty λ on the non-intercept coefficients (features are standardized). */
  readonly lambda: number;
  readonly minRows: number;
}

export const DEFAULT_RIDGE_LOGISTIC: RidgeLogisticSettings = Object.freeze({
  lambda: 1,
  minRows: 50,
});

/** A fitted ridge logistic regression; see {@link RidgeLogistic}. */
export class LogisticModel implements BinaryModel {
  readonly kind = 'logistic' as const;
  constructor(readonly artifact: LogisticArtifact) {
    Object.freeze(this);
  }

  static fromArtifact(a: LogisticArtifact): LogisticModel {
    return new LogisticModel(Object.freeze({ ...a, coefficients: [...a.coefficients] }));
  }

  /** Linear predictor η = b₀ + xᵀb. */
  logit(x: readonly number[]): number {
    const b = this.artifact.coefficients;
    let eta = this.artifact.intercept;
    for (let j = 0; j < b.length; j++) eta += b[j] * x[j];
    return eta;
  }

  predict(X: readonly (readonly number[])[]): number[] {
    return X.map((x) => sigmoid(this.logit(x)));
  }

  toArtifact(): LogisticArtifact {
    return this.artifact;
  }
}

/**
 * Regularized (ridge) logistic regression, fitted by `logistic` of @hirelearn/stats (IRLS
 * with the penalty on every column but the intercept). The penalized columns are named, not
 * left to `logistic`'s default (the non-constant ones): a feature constant in a training split
 * (an ensemble fold) would otherwise be a second unpenalized constant beside the intercept, an
 * exactly singular system; penalized, its coefficient is the ridge's.
 */
export class RidgeLogistic {
  readonly settings: RidgeLogisticSettings;
  constructor(settings: Partial<RidgeLogisticSettings> = {}) {
    this.settings = Object.freeze({ ...DEFAULT_RIDGE_LOGISTIC, ...settings });
  }

  fit(X: readonly (readonly number[])[], y: readonly number[]): FitResult<LogisticModel> {
    const bad = checkTrainingData(X, y, this.settings.minRows);
    if (bad) return bad;
    const design = X.map((x) => [1, ...x]);
    const penalized = X[0].map((_, j) => j + 1);
    const r = logistic(design, y, { lambda: this.settings.lambda, penalized });
    if (r.status !== 'ok' && r.status !== 'separation') {
      return { status: 'not_converged', reason: `${r.status}: ${r.reason}` };
    }
    const [intercept, ...coefficients] = r.coefficients;
    return {
      status: 'ok',
      model: new LogisticModel(
        Object.freeze({ kind: 'logistic', lambda: this.settings.lambda, intercept, coefficients }),
      ),
    };
  }
}
