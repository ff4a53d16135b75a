import { defaultSimSettings, type SimSettingsOverrides } from '../settings';
import type { SimSettings } from '../settings';

/**
 * The small world the specs share: big enough for the planted effects to show (~20k
 * applications), small enough to build in a few seconds. Each spec file builds it once.
 */
export function smallWorldSettings(overrides: SimSettingsOverrides = {}): SimSettings {
  return defaultSimSettings({ users: 300, months: 12, seed: 42, bad: 2, ...overrides });
}
