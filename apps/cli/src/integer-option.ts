import { boundedNumber, wholeNumber, type NumberBounds } from '@hirelearn/env';
import { CliError } from './cli-error';

/**
 * The parser of a whole-number option (commander's third `.option` argument): the value must
 * be written as a whole number in [min, max]; anything else is a CliError naming the flag and
 * the rule (`--threads: 'four' must be a whole number >= 0`), never NaN (`parseInt`) or a
 * silently truncated `12abc`.
 */
export function integerOption(
  flag: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): (value: string) => number {
  const rule =
    max !== Number.MAX_SAFE_INTEGER
      ? `must be a whole number from ${min} to ${max}`
      : min === Number.MIN_SAFE_INTEGER
        ? 'must be a whole number'
        : `must be a whole number >= ${min}`;
  const schema = wholeNumber(rule, min, max);
  return (value) => {
    const parsed = /^\s*[+-]?\d+\s*$/.test(value) ? schema.safeParse(value) : null;
    if (!parsed?.success) throw new CliError(`${flag}: '${value}' ${rule}`);
    return parsed.data;
  };
}

/** `--port`: 0 (any free port) to 65535. */
export const portOption = integerOption('--port', 0, 65535);

/**
 * The parser of a number option that may be a fraction (`--alpha 0.05`, `--cutoff -2.5e1`):
 * decimal text within `bounds`; anything else is a CliError naming the flag and the rule
 * (`--alpha: 'five' must be a number > 0 and < 1`), never NaN (`Number('five')`) or the 0 that
 * `Number('')` makes of an empty value.
 */
export function numberOption(flag: string, bounds: NumberBounds = {}): (value: string) => number {
  const limits = [
    bounds.gt === undefined ? null : `> ${bounds.gt}`,
    bounds.gte === undefined ? null : `>= ${bounds.gte}`,
    bounds.lt === undefined ? null : `< ${bounds.lt}`,
    bounds.lte === undefined ? null : `<= ${bounds.lte}`,
  ].filter((l) => l !== null);
  const rule = ['must be a number', limits.join(' and ')].filter((p) => p !== '').join(' ');
  const schema = boundedNumber(rule, bounds);
  return (value) => {
    const decimal = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(value);
    const parsed = decimal ? schema.safeParse(value) : null;
    if (!parsed?.success) throw new CliError(`${flag}: '${value}' ${rule}`);
    return parsed.data;
  };
}
