import {
  CELL_DIMENSIONS,
  DEFAULT_COLD_START,
  serializeColdStart,
  type ColdStartArtifact,
  type ColdStartCell,
  type ColdStartPeer,
} from '@hirelearn/ml';
import { DEFAULT_MAX_ARTIFACT_BYTES } from '@hirelearn/registry';
import { createRng } from '@hirelearn/stats';
import { parseColdStart } from './cold-start-service';

const PEERS = 100_000;

/**
 * 100,000 successful users as random as the index could hold them: float32 vectors, 8-24
 * cells each over 20 role families, 5 seniorities and 6 company stages with up to 300
 * applications, resume shares as bullet ratios, counts, some unknown.
 */
function syntheticPeers(n: number, d: number): ColdStartPeer[] {
  const rng = createRng(3);
  const int = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  const values: Record<(typeof CELL_DIMENSIONS)[number], string[]> = {
    role: Array.from({ length: 20 }, (_, i) => `role family ${i}`),
    seniority: ['junior', 'mid', 'senior', 'staff', 'principal'],
    company_stage: ['seed', 'series_a', 'series_b', 'growth', 'public', 'enterprise'],
  };
  const maybe = (x: number) => (rng.uniform() < 0.1 ? null : x);
  return Array.from({ length: n }, () => {
    const cells: ColdStartCell[] = [];
    const seen = new Set<string>();
    for (let c = int(8, 24); c > 0; c--) {
      const dimension = CELL_DIMENSIONS[int(0, 2)];
      const value = values[dimension][int(0, values[dimension].length - 1)];
      if (seen.has(`${dimension}/${value}`)) continue;
      seen.add(`${dimension}/${value}`);
      const applications = int(1, 300);
      cells.push({ dimension, value, applications, interviews: int(0, applications) });
    }
    const bullets = int(1, 40);
    const applications = int(20, 2000);
    return {
      embedding: Array.from({ length: d }, () => Math.fround(2 * rng.uniform() - 1)),
      applications,
      interviews: int(0, applications),
      segment: `seniority=${values.seniority[int(0, 4)]}|role=${values.role[int(0, 19)]}`,
      cells,
      resume: {
        bullet_metric_share: maybe(int(0, bullets) / bullets),
        action_verb_share: maybe(int(0, bullets) / bullets),
        certifications_count: maybe(int(0, 6)),
        skills_count: maybe(int(0, 60)),
        page_count: maybe(int(1, 4)),
      },
    };
  });
}

describe('the cold-start artifact file', () => {
  it('holds 100,000 indexed users under the registry cap, and reads every value back', () => {
    const d = DEFAULT_COLD_START.embeddingDim + 1;
    const peers = syntheticPeers(PEERS, d);
    // Only the peer index grows with the users: the rest is a trained model's few KB.
    const artifact = {
      format: 'hirelearn.cold-start/v1',
      embedding_dim: d,
      layers: [{ kernel: [1], bias: [0], activation: 'sigmoid' }],
      segments: [{ key: 'all', users: PEERS, rate: 0.2, true_rate_variance: 0.01 }],
      peers,
      settings: DEFAULT_COLD_START,
    } as unknown as ColdStartArtifact;
    const bytes = Buffer.from(serializeColdStart(artifact));
    // One JSON object per peer (v1) made these 126 MB.
    expect(bytes.length).toBeLessThan(DEFAULT_MAX_ARTIFACT_BYTES * 0.75);
    const back = parseColdStart(bytes).artifact;
    expect(back.peers).toHaveLength(PEERS);
    expect(JSON.stringify(back.peers)).toBe(JSON.stringify(peers));
    expect(bytes.toString('utf8')).not.toMatch(/user_id|"u_/);
  }, 60_000);

  it('refuses a peer index whose columns do not fit its count, naming the column', () => {
    const d = DEFAULT_COLD_START.embeddingDim + 1;
    const artifact = {
      format: 'hirelearn.cold-start/v1',
      embedding_dim: d,
      peers: syntheticPeers(3, d),
    } as unknown as ColdStartArtifact;
    const file = JSON.parse(serializeColdStart(artifact));
    file.peer_index.count = 4;
    expect(() => parseColdStart(Buffer.from(JSON.stringify(file)))).toThrow(
      /peer_index column embedding has 27 values, must have 36/,
    );
  });
});
