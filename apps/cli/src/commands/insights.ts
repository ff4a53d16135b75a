import type { Command } from 'commander';
import { registerInsightsQuality } from './insights-quality';
import { registerInsightsWeekly } from './insights-weekly';

/**
 * `hirelearn insights`: what the engine tells each job seeker. One file per subcommand, each
 * registered here on the group.
 */
export function registerInsights(program: Command): void {
  const insights = program
    .command('insights')
    .description('per-user insights: weekly reports, and the quality of what was delivered');
  registerInsightsWeekly(insights);
  registerInsightsQuality(insights);
}
