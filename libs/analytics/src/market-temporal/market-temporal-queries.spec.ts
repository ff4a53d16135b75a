import type { EventStore } from '@hirelearn/store';
import { ALL_TIME } from '../period';
import { event, storeOf } from '../testing/event-builder';
import { dailyPostingCounts } from './market-temporal-queries';
import type { PostingDimension } from './series';

const posting = (title: string, industry: string, at: string) =>
  event('JOB_POSTED', at, {
    job_id: `${title}-${at}`,
    title,
    company: 'Acme',
    seniority: 'mid',
    location: 'Berlin',
    industry,
  });

describe('dailyPostingCounts', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await storeOf([
      posting('Senior Data Scientist', 'fintech', '2025-03-03T10:00:00Z'),
      posting('Data Scientist', 'fintech', '2025-03-03T12:00:00Z'),
      posting('Junior Backend Engineer', 'health', '2025-03-05T09:00:00Z'),
    ]);
  });
  afterAll(() => store?.close());

  it('counts each dimension value per day, the role without its level word', async () => {
    const days = await dailyPostingCounts(store, ['role', 'industry'], ALL_TIME);
    expect(days).toEqual({
      first_day: '2025-03-03',
      last_day: '2025-03-05',
      counts: [
        { dimension: 'industry', key: 'fintech', day: '2025-03-03', n: 2 },
        { dimension: 'industry', key: 'health', day: '2025-03-05', n: 1 },
        { dimension: 'role', key: 'Backend Engineer', day: '2025-03-05', n: 1 },
        { dimension: 'role', key: 'Data Scientist', day: '2025-03-03', n: 2 },
      ],
    });
  });

  it('refuses a dimension it does not know, naming it, before any SQL is built from it', async () => {
    const hostile = "role' AS dimension, 'x' AS key, day, n FROM g --" as PostingDimension;
    await expect(dailyPostingCounts(store, ['industry', hostile], ALL_TIME)).rejects.toThrow(
      /^dimensions: unknown posting dimension "role' AS dimension.*"; use some of: all, role, industry, skill$/,
    );
  });
});
