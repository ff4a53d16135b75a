import { SimRng, clip } from './rng';
import type { SimSettings } from './settings';

/** One answer from the employer, `days` after submission. */
export interface RecruiterResponse {
  readonly status: 'interview' | 'offer' | 'rejected';
  readonly days: number;
  readonly responseType: string;
}

/**
 * The employer's answers to one application, in order. An interview is followed by an offer
 * (likelier for skilled applicants), a rejection, or nothing; without an interview there is
 * a rejection or, most often, silence: ghosting is never an event.
 */
export function recruiterResponses(
  rng: SimRng,
  o: SimSettings['outcome'],
  skill: number,
  interviewed: boolean,
): RecruiterResponse[] {
  if (interviewed) {
    const first = 2 + rng.exponential(7);
    const out: RecruiterResponse[] = [
      {
        status: 'interview',
        days: first,
        responseType: rng.chance(0.6) ? 'recruiter_email' : 'recruiter_call',
      },
    ];
    const r = rng.uniform();
    const offer = clip(o.offerRate * (1 + 0.3 * skill), 0.05, 0.8);
    if (r < offer) {
      out.push({
        status: 'offer',
        days: first + 7 + rng.exponential(10),
        responseType: 'recruiter_call',
      });
    } else if (r >= offer + o.ghostAfterInterviewRate) {
      out.push({
        status: 'rejected',
        days: first + 5 + rng.exponential(8),
        responseType: 'recruiter_email',
      });
    }
    return out;
  }
  if (!rng.chance(o.rejectionRate)) return [];
  const days = 3 + rng.exponential(12);
  return [
    {
      status: 'rejected',
      days,
      responseType: rng.chance(0.7) ? 'automated_email' : 'recruiter_email',
    },
  ];
}
