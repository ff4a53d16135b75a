import { DAY_CODES } from '@hirelearn/optimize';
import { PLANNER_DAYS } from './layers';
import {
  CONFIG_LAYERS,
  ConfigSchemaError,
  DEFAULT_CONFIGS,
  configLayer,
  effectiveConfig,
  parseLayerConfig,
  parameterValue,
  withParameter,
} from './index';

describe('layer config schemas', () => {
  it('accepts the defaults of every layer (version 0)', () => {
    for (const layer of CONFIG_LAYERS)
      expect(parseLayerConfig(layer, DEFAULT_CONFIGS[layer])).toEqual(DEFAULT_CONFIGS[layer]);
  });

  it.each([
    [
      6,
      {
        ...DEFAULT_CONFIGS[6],
        weights: { technical: 0.5, seniority: 0.2, experience: 0.2, signal: 0.2 },
      },
      'FitWeightsConfig.weights: technical + seniority + experience + signal must sum to 1',
    ],
    [6, { ...DEFAULT_CONFIGS[6], min_fit_score: 120 }, 'FitWeightsConfig.min_fit_score'],
    [
      2,
      { ...DEFAULT_CONFIGS[2], aggressive_threshold: 50 },
      'StrategyEngineConfig.aggressive_threshold: must be above mode_threshold',
    ],
    [2, { ...DEFAULT_CONFIGS[2], mode_treshold: 55 }, 'StrategyEngineConfig.mode_treshold'],
    [
      5,
      { ...DEFAULT_CONFIGS[5], submission_days: ['tue', 'tue'] },
      'PlanningConfig.submission_days: must not repeat a day',
    ],
    [5, { ...DEFAULT_CONFIGS[5], follow_up_days: 2.5 }, 'PlanningConfig.follow_up_days'],
    [
      2,
      {
        ...DEFAULT_CONFIGS[2],
        score_calibration_map: {
          knots: [
            { score: 40, probability: 0.2 },
            { score: 60, probability: 0.1 },
          ],
        },
      },
      'StrategyEngineConfig.score_calibration_map.knots: must be sorted',
    ],
  ] as const)('refuses a layer %s config naming the field (%#)', (layer, config, message) => {
    let error: unknown;
    try {
      parseLayerConfig(layer, config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigSchemaError);
    expect((error as Error).message).toContain(message);
  });

  it("names the planner's days as the timing optimizer recommends them", () => {
    expect([...PLANNER_DAYS]).toEqual(DAY_CODES);
  });

  it('reads layers from the command line and refuses others', () => {
    expect(configLayer('6')).toBe(6);
    expect(() => configLayer('3')).toThrow('layer: 3 is not a configured layer (2, 5, 6)');
  });
});

describe('parameters', () => {
  it('reads and sets dotted paths without touching the original', () => {
    const base = DEFAULT_CONFIGS[6];
    const next = withParameter(base, 'weights.signal', 0.3);
    expect(parameterValue(next, 'weights.signal')).toBe(0.3);
    expect(parameterValue(base, 'weights.signal')).toBe(0.2);
    expect(parameterValue(base, 'weights.nope')).toBeUndefined();
    expect(() => withParameter(base, 'weights..x', 1)).toThrow('not a dotted path');
  });
});

describe('experiment overrides on the published config', () => {
  it('lets a variant override win for users in the experiment and keeps the rest', () => {
    const base = { ...DEFAULT_CONFIGS[2], mode_threshold: 62 };
    const config = effectiveConfig(2, base, [{ parameter: 'mode_threshold', value: 55 }]);
    expect(config.mode_threshold).toBe(55);
    expect(config.aggressive_threshold).toBe(base.aggressive_threshold);
    expect(effectiveConfig(2, base, [])).toEqual(base);
  });

  it('refuses a variant that breaks the schema, naming the field', () => {
    expect(() =>
      effectiveConfig(6, DEFAULT_CONFIGS[6], [{ parameter: 'weights.technical', value: 0.9 }]),
    ).toThrow(
      'FitWeightsConfig.weights: technical + seniority + experience + signal must sum to 1',
    );
  });
});
