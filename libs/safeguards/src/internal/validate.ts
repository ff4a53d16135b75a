import { type Degenerate, degenerate } from '../result';

/**
 * Validates a (predicted probability, binary label) pair of columns.
 * Returns null when valid, otherwise the degenerate result to hand back.
 */
export function checkProbabilitiesAndLabels(
  predicted: readonly number[],
  labels: readonly number[],
): Degenerate | null {
  if (predicted.length === 0) return degenerate('empty_input', 'no predictions');
  if (predicted.length !== labels.length) {
    return degenerate(
      'length_mismatch',
      `predicted has ${predicted.length} values, labels has ${labels.length}`,
    );
  }
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i];
    if (!Number.isFinite(p) || p < 0 || p > 1) {
      return degenerate('invalid_value', `predicted[${i}] = ${p} is not a probability in [0, 1]`);
    }
  }
  return checkBinaryLabels(labels);
}

/** Returns null when every label is 0 or 1, otherwise the degenerate result. */
export function checkBinaryLabels(labels: readonly number[]): Degenerate | null {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) {
      return degenerate('invalid_value', `labels[${i}] = ${y} is not 0 or 1`);
    }
  }
  return null;
}

/** Returns null when every value is finite, otherwise the degenerate result. */
export function checkFinite(values: ArrayLike<number>, name: string): Degenerate | null {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      return degenerate('invalid_value', `${name}[${i}] = ${values[i]} is not finite`);
    }
  }
  return null;
}

/** Throws RangeError unless `value` is an integer >= min (settings validation). */
export function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** Throws RangeError unless lo < value < hi (exclusive; settings validation). */
export function requireOpenInterval(name: string, value: number, lo: number, hi: number): void {
  if (!(value > lo && value < hi)) {
    throw new RangeError(`${name} must be in (${lo}, ${hi}), got ${value}`);
  }
}

/** Throws RangeError unless value is finite and >= min (settings validation). */
export function requireAtLeast(name: string, value: number, min: number): void {
  if (!(Number.isFinite(value) && value >= min)) {
    throw new RangeError(`${name} must be a finite number >= ${min}, got ${value}`);
  }
}
