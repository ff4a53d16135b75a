import { ConfigChannel } from '@hirelearn/config';
import { openDocumentStore } from '@hirelearn/store';
import {
  aggressiveThresholdOf,
  currentConfigs,
  fitWeightsOf,
  submissionHoursOf,
  suggestedEditsOf,
} from './optimizer-inputs';

describe('what the optimizers read from the configuration in force', () => {
  it('reads each layer’s published parameters, not the defaults', async () => {
    const documents = await openDocumentStore('sqlite::memory:');
    try {
      const channel = new ConfigChannel({ documents });
      const by = { by: 'ops', reason: 'test', expected_version: 0 };
      const base = await channel.current(2);
      await channel.publish(
        2,
        {
          ...base.config,
          resume_edit_priority: ['added_keywords', 'added_metrics_to_bullets'],
          aggressive_threshold: 85,
        },
        by,
      );
      const planning = await channel.current(5);
      await channel.publish(5, { ...planning.config, submission_hours: { start: 9, end: 12 } }, by);
      const fit = await channel.current(6);
      const weights = { technical: 0.5, seniority: 0.2, experience: 0.2, signal: 0.1 };
      await channel.publish(6, { ...fit.config, weights }, by);

      const configs = await currentConfigs(channel);
      // The resume-edit optimizer was handed [] whatever layer 2 suggested (it read a parameter
      // the schema does not have), and fit weights were compared with a constant.
      expect(suggestedEditsOf(configs[2])).toEqual(['added_keywords', 'added_metrics_to_bullets']);
      expect(aggressiveThresholdOf(configs[2])).toBe(85);
      expect(submissionHoursOf(configs[5])).toEqual({ start: 9, end: 12 });
      expect(fitWeightsOf(configs[6])).toEqual(weights);
    } finally {
      await documents.close();
    }
  });
});
