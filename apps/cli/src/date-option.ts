import { parseInstant } from '@hirelearn/contract';
import { CliError } from './cli-error';

/** A date option's value, checked: a CliError naming the option and the format otherwise. */
export function dateOption(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    parseInstant(value, name);
  } catch {
    throw new CliError(
      `${name} '${value}' is not a date`,
      'use YYYY-MM-DD (00:00 UTC) or an ISO date-time with a zone such as 2026-01-06T09:00:00Z',
    );
  }
  return value;
}
