import { kneePoint } from './knee';
import type { Objective, Solution } from './problem';
import { zdtFront } from './zdt';

const sol = (objectives: number[]): Solution => ({ x: [], objectives, violation: 0 });
const minMin: Objective[] = [
  { name: 'f1', sense: 'min' },
  { name: 'f2', sense: 'min' },
];

describe('kneePoint', () => {
  it('on the ZDT1 front is where sqrt(f1) - f1 peaks: f1 = 1/4', () => {
    const front = zdtFront('zdt1', 401).map(sol);
    const knee = kneePoint(front, minMin)!;
    expect(knee.solution.objectives[0]).toBeCloseTo(0.25, 6);
    expect(knee.distance).toBeCloseTo(0.25 / Math.SQRT2, 6);
  });

  it('says the trade-off against each extreme in the objectives own sense and units', () => {
    const objectives: Objective[] = [
      { name: 'interviews', sense: 'max', unit: '/wk' },
      { name: 'hours', sense: 'min', unit: 'h' },
    ];
    const front = [sol([0.5, 2]), sol([3, 8]), sol([3.5, 20])];
    const knee = kneePoint(front, objectives)!;
    expect(knee.index).toBe(1);
    expect(knee.trade_off).toBe(
      'Recommended (knee): interviews 3 /wk, hours 8 h. ' +
        'The highest-interviews plan reaches interviews 3.5 /wk (+0.5) at hours 20 h (+12). ' +
        'The lowest-hours plan reaches hours 2 h (-6) at interviews 0.5 /wk (-2.5).',
    );
  });

  it('is null for an empty front and the point itself for a front of one', () => {
    expect(kneePoint([], minMin)).toBeNull();
    const one = kneePoint([sol([1, 1])], minMin)!;
    expect(one.index).toBe(0);
    expect(one.trade_off).toMatch(/best plan in every objective/);
  });
});
