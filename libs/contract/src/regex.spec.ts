import { HOSTILE_STRINGS } from './hostile-strings';
import { escapeRegex } from './regex';

describe('escapeRegex', () => {
  const metacharacters = '.*+?^${}()|[]\\';

  it('makes every metacharacter literal: the pattern matches the string and nothing else', () => {
    for (const s of [metacharacters, 'C++ (senior)', 'a.b', 'x|y', ...HOSTILE_STRINGS]) {
      const pattern = new RegExp(`^${escapeRegex(s)}$`, 'u');
      expect(pattern.test(s)).toBe(true);
      expect(pattern.test(`${s}!`)).toBe(false);
    }
    expect(new RegExp(escapeRegex('a.b')).test('axb')).toBe(false);
  });

  it('escapes each metacharacter with one backslash and leaves other characters alone', () => {
    expect(escapeRegex(metacharacters)).toBe('\\.\\*\\+\\?\\^\\$\\{\\}\\(\\)\\|\\[\\]\\\\');
    expect(escapeRegex('Senior data-scientist é')).toBe('Senior data-scientist é');
  });
});
