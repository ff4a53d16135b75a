import { Command } from 'commander';
import { CliError } from './cli-error';
import { registerIngest } from './commands/ingest';
import { integerOption, portOption } from './integer-option';

describe('integerOption', () => {
  const threads = integerOption('--threads');

  it('takes whole numbers in range', () => {
    expect(threads('0')).toBe(0);
    expect(threads('12')).toBe(12);
    expect(integerOption('--users', 1, 10)('10')).toBe(10);
    expect(portOption('65535')).toBe(65535);
  });

  it.each(['four', '12abc', '1.5', '', '0x10', '1e3', '-1'])('refuses %p naming the flag', (v) => {
    expect(() => threads(v)).toThrow(CliError);
    expect(() => threads(v)).toThrow(`--threads: '${v}' must be a whole number >= 0`);
  });

  it('states the range when it has a top', () => {
    expect(() => portOption('70000')).toThrow(
      "--port: '70000' must be a whole number from 0 to 65535",
    );
  });
});

describe('the whole-number flags of the commands', () => {
  // `ingest --threads four` used parseInt: NaN threads, no error.
  it('ingest refuses a --threads that is not a whole number, naming the flag', async () => {
    const program = new Command().exitOverride();
    registerIngest(program);
    await expect(
      program.parseAsync(['ingest', 'events.ndjson', '--threads', 'four'], { from: 'user' }),
    ).rejects.toThrow("--threads: 'four' must be a whole number >= 0");
  });
});
