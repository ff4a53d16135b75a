import { wholeNumber } from '@hirelearn/env';
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
    max === Number.MAX_SAFE_INTEGER
      ? `must be a whole number >= ${min}`
      : `must be a whole number from ${min} to ${max}`;
  const schema = wholeNumber(rule, min, max);
  return (value) => {
    const parsed = /^\s*[+-]?\d+\s*$/.test(value) ? schema.safeParse(value) : null;
    if (!parsed?.success) throw new CliError(`${flag}: '${value}' ${rule}`);
    return parsed.data;
  };
}

/** `--port`: 0 (any free port) to 65535. */
export const portOption = integerOption('--port', 0, 65535);
