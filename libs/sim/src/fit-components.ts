import type { Job } from './market';
import type { FitComponents } from './outcome-model';
import { SimRng, clip, round1 } from './rng';
import type { SimUser } from './users';

/**
 * How the production system measures the fit of a user to a job, component by component
 * (each 0-100, with measurement noise). Technical fit reads the user's core skills only, so
 * resume edits never move fit: an edit's effect stays where truth.json puts it.
 */
export function measureFit(
  rng: SimRng,
  user: SimUser,
  coreSkills: readonly string[],
  job: Job,
): FitComponents {
  const overlap = job.skills.filter((x) => coreSkills.includes(x)).length / job.skills.length;
  return {
    technical: round1(clip(30 + 60 * overlap + rng.normal(0, 8), 0, 100)),
    seniority: round1(
      clip(95 - 30 * Math.abs(user.levelIndex - job.levelIndex) + rng.normal(0, 5), 0, 100),
    ),
    experience: round1(
      clip(100 - 8 * Math.abs(user.years - job.requiredYears) + rng.normal(0, 6), 0, 100),
    ),
    signal: round1(clip(50 + 18 * job.company.heat + rng.normal(0, 8), 0, 100)),
  };
}
