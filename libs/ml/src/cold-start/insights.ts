import { suppressSmallCells } from '@hirelearn/safeguards';
import { median } from '@hirelearn/stats';
import { missingFields, type DayOneFeatures } from './day-one';
import type { ColdStartModel, FoundPeer } from './model';
import { expectedInterviewRate } from './rate-distribution';
import type { ColdStartSettings } from './settings';
import {
  CELL_DIMENSIONS,
  type CellDimension,
  type CellFigure,
  type ColdStartInsights,
  type ColdStartPeer,
  type EditAdvice,
  type EditEffectInput,
  type Pitfall,
} from './types';

const pct = (x: number) => `${Math.round(100 * x)}%`;

interface CellTotals {
  users: number;
  applications: number;
  interviews: number;
}

/** Outcomes of the peers by job role, seniority and company stage: distinct users per cell. */
function cellTotals(peers: readonly ColdStartPeer[]): Map<CellDimension, Map<string, CellTotals>> {
  const out = new Map<CellDimension, Map<string, CellTotals>>(
    CELL_DIMENSIONS.map((d) => [d, new Map()]),
  );
  for (const p of peers) {
    for (const c of p.cells) {
      const byValue = out.get(c.dimension)!;
      const t = byValue.get(c.value) ?? { users: 0, applications: 0, interviews: 0 };
      t.users += 1;
      t.applications += c.applications;
      t.interviews += c.interviews;
      byValue.set(c.value, t);
    }
  }
  return out;
}

/**
 * Figures of a set of peers, computed once per set: a segment's peers are one cached array
 * (up to every indexed user), and a median or rate over 100,000 of them on every call made a
 * fallback answer take 60-150 ms (tools/bench/cold-start-serving.ts).
 */
const peerFigures = new WeakMap<readonly ColdStartPeer[], Map<string, number | null>>();

function once(peers: readonly ColdStartPeer[], key: string, f: () => number | null): number | null {
  let figures = peerFigures.get(peers);
  if (!figures) peerFigures.set(peers, (figures = new Map()));
  if (!figures.has(key)) figures.set(key, f());
  return figures.get(key)!;
}

/** The peers' resume figure (median) when at least k of them have it. */
function peerMedian(
  peers: readonly ColdStartPeer[],
  key: keyof ColdStartPeer['resume'],
  k: number,
): number | null {
  return once(peers, `median:${key}:${k}`, () => {
    const xs = peers.map((p) => p.resume[key]).filter((v): v is number => v !== null);
    return xs.length >= k ? median(xs) : null;
  });
}

/** The peers' interview rate over all their applications (0 without any). */
function peerRate(peers: readonly ColdStartPeer[]): number {
  return once(peers, 'rate', () => {
    const apps = peers.reduce((a, p) => a + p.applications, 0);
    return apps ? peers.reduce((a, p) => a + p.interviews, 0) / apps : 0;
  })!;
}

/**
 * Which edit raises which resume figure, and whether this resume has room for it: the edit
 * applies when the user's figure is below the bar (the share setting, or the peers' median).
 */
function editRoom(
  edit: string,
  f: DayOneFeatures,
  peers: readonly ColdStartPeer[],
  s: ColdStartSettings,
): string | null {
  const k = s.kAnonymity;
  const share = (key: 'bullet_metric_share' | 'action_verb_share', what: string) => {
    const mine = f[key];
    if (mine === null || mine >= s.lowShare) return null;
    const theirs = peerMedian(peers, key, k);
    return `${pct(mine)} of your bullets ${what}${theirs === null ? '' : `; similar successful users: ${pct(theirs)} (median)`}`;
  };
  switch (edit) {
    case 'added_metrics_to_bullets':
      return share('bullet_metric_share', 'state a number');
    case 'strengthened_action_verbs':
      return share('action_verb_share', 'open with an action verb');
    case 'added_certifications':
      return f.certifications_count === 0 ? 'your resume lists no certification' : null;
    case 'added_keywords': {
      const theirs = peerMedian(peers, 'skills_count', k);
      return f.skills_count !== null && theirs !== null && f.skills_count < theirs
        ? `your resume lists ${f.skills_count} skills; similar successful users: ${theirs} (median)`
        : null;
    }
    case 'reorganized_sections': {
      const theirs = peerMedian(peers, 'page_count', k);
      return f.page_count !== null && theirs !== null && f.page_count > theirs
        ? `your resume has ${f.page_count} pages; similar successful users: ${theirs} (median)`
        : null;
    }
    default:
      return null;
  }
}

/** Edits whose effect holds (interval above zero, not graded LOW) and that this resume has room for. */
function firstEdits(
  effects: readonly EditEffectInput[],
  f: DayOneFeatures,
  peers: readonly ColdStartPeer[],
  s: ColdStartSettings,
): EditAdvice[] {
  const out: EditAdvice[] = [];
  for (const e of effects) {
    const ci = e.confidence_interval;
    if (e.ate === null || e.ate <= 0 || !ci || ci[0] <= 0 || e.causal_confidence === 'LOW')
      continue;
    const evidence = editRoom(e.treatment, f, peers, s);
    if (evidence === null) continue;
    out.push(
      Object.freeze({
        edit_type: e.treatment,
        effect: e.ate,
        confidence_interval: Object.freeze([ci[0], ci[1]]) as readonly [number, number],
        causal_confidence: e.causal_confidence,
        method: e.method,
        sample_size: e.sample_size,
        evidence: `${evidence}; attribution: ${e.ate >= 0 ? '+' : ''}${(100 * e.ate).toFixed(1)} points [${(100 * ci[0]).toFixed(1)}, ${(100 * ci[1]).toFixed(1)}] (${e.causal_confidence}, ${e.method}, n=${e.sample_size})`,
      }),
    );
  }
  return out.sort((a, b) => b.effect - a.effect);
}

const segmentTotals = new WeakMap<
  readonly ColdStartPeer[],
  Map<CellDimension, Map<string, CellTotals>>
>();

/** The successful users of each segment, found once per model (the fallback's figures). */
const bySegment = new WeakMap<ColdStartModel, Map<string, readonly ColdStartPeer[]>>();

/** The peers of a segment (its key prefixes theirs), for the fallback's figures. */
function segmentPeers(model: ColdStartModel, key: string): readonly ColdStartPeer[] {
  let cache = bySegment.get(model);
  if (!cache) bySegment.set(model, (cache = new Map()));
  let found = cache.get(key);
  if (!found) {
    const peers = model.artifact.peers;
    found =
      key === 'all'
        ? peers
        : peers.filter((p) => p.segment === key || p.segment.startsWith(`${key}|`));
    cache.set(key, found);
  }
  return found;
}

/**
 * Spec 7.5.2, the day-one insights of a new user. The expected rate is the network's head
 * with the variance model's spread (wider for every missing field); roles, seniorities and
 * company stages where similar users succeed are aggregates over the nearest successful
 * established users in the embedding, shown only for cells of at least k of them; with
 * fewer than `minPeers` peers, or when the user withheld personalization, every figure is
 * the segment's and the result says so. `effects` are the attribution's edit effects
 * (`CausalEffect[]` fits): the first edits are those that hold and that this resume has room for.
 */
export function coldStartInsights(
  model: ColdStartModel,
  dayOne: DayOneFeatures,
  effects: readonly EditEffectInput[] = [],
): ColdStartInsights {
  const s = model.artifact.settings;
  const k = s.kAnonymity;
  const missing = missingFields(dayOne);
  const reasons: string[] = [];
  const segment = model.segment(dayOne);
  const forward = model.forward(dayOne);
  let found: FoundPeer[] = [];
  let fallback: string | null = null;
  if (!dayOne.personalization) {
    fallback = 'the user withheld personalization: segment-level figures only';
  } else {
    found = model.nearest(forward.embedding, s.peers, model.artifact.peer_radius);
    if (found.length < s.minPeers) {
      fallback = `${found.length} similar successful users within reach, fewer than ${s.minPeers}: the segment's figures`;
    }
  }
  const peers = fallback ? segmentPeers(model, segment.key) : found.map((p) => p.peer);
  let mean: number;
  let variance: number;
  if (fallback) {
    mean = segment.rate;
    variance = segment.true_rate_variance;
    reasons.push(fallback, `segment ${segment.key}: ${segment.users} established users`);
  } else {
    mean = forward.probability;
    variance = model.variance(dayOne, mean);
    reasons.push(
      `rate from the embedder's head on your day-one data; ${found.length} similar successful users (at least ${s.establishedApplications} applications and ${pct(s.successRate)} interviews) behind the aggregates`,
    );
  }
  const rate = expectedInterviewRate(mean, variance, s.horizon, s.confidence);

  // A segment's peers are a cached array, so their totals are summed once.
  let totals = fallback ? segmentTotals.get(peers) : undefined;
  if (!totals) {
    totals = cellTotals(peers);
    if (fallback) segmentTotals.set(peers, totals);
  }
  let suppressed = 0;
  const lists = {} as Record<CellDimension, CellFigure[]>;
  const all: CellFigure[] = [];
  for (const d of CELL_DIMENSIONS) {
    const cells = [...totals.get(d)!].map(([value, t]) => ({
      value,
      users: t.users,
      applications: t.applications,
      interview_rate: t.applications ? t.interviews / t.applications : 0,
    }));
    const shown = suppressSmallCells(cells, (c) => c.users, k);
    suppressed += shown.suppressed_cells;
    const sorted = [...shown.cells].sort((a, b) => b.interview_rate - a.interview_rate);
    lists[d] = sorted.slice(0, s.topCells).map((c) => Object.freeze(c));
    all.push(...sorted.map((c) => Object.freeze(c)));
  }
  const pitfalls: Pitfall[] = [];
  const overall = peerRate(peers);
  for (const c of all) {
    if (c.interview_rate < s.pitfallRatio * overall) {
      pitfalls.push({
        kind: 'low_rate_cell',
        detail: `${c.value}: similar successful users reached interview on ${pct(c.interview_rate)} of ${c.applications} applications (${c.users} users), against ${pct(overall)} overall`,
      });
    }
  }
  for (const key of ['bullet_metric_share', 'action_verb_share'] as const) {
    const mine = dayOne[key];
    const theirs = peerMedian(peers, key, k);
    if (mine !== null && theirs !== null && mine < s.lowShare && theirs >= s.lowShare) {
      pitfalls.push({
        kind: 'resume_gap',
        detail: `${key}: yours ${pct(mine)}, similar successful users ${pct(theirs)} (median)`,
      });
    }
  }
  if (missing.length) {
    pitfalls.push({
      kind: 'missing_field',
      detail: `unknown: ${missing.join(', ')}; the interval is wider until they are answered`,
    });
    reasons.push(`${missing.length} day-one fields unknown (interval widened)`);
  }
  const width = rate.prediction_interval[1] - rate.prediction_interval[0];
  const [high, medium] = s.confidenceWidths;
  const confidence =
    !fallback && width <= high && missing.length === 0
      ? 'HIGH'
      : width <= medium
        ? 'MEDIUM'
        : 'LOW';
  reasons.push(
    `${pct(s.confidence)} prediction interval over the first ${s.horizon} applications is ${pct(width)} wide`,
  );
  return Object.freeze({
    expected_interview_rate: rate,
    source: fallback ? 'segment' : 'peers',
    fallback_reason: fallback,
    peers_used: fallback ? 0 : found.length,
    segment: segment.key,
    roles: Object.freeze(lists.role),
    seniority: Object.freeze(lists.seniority),
    company_stages: Object.freeze(lists.company_stage),
    first_edits: Object.freeze(firstEdits(effects, dayOne, peers, s)),
    pitfalls: Object.freeze(pitfalls.map((p) => Object.freeze(p))),
    confidence,
    reasons: Object.freeze(reasons),
    missing_fields: missing,
    k_anonymity: k,
    suppressed_cells: suppressed,
  });
}
