import { SerialCheck } from './serial-check';

describe('SerialCheck', () => {
  it('runs one check at a time and once more for every burst asked for meanwhile', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    const check = new SerialCheck(async () => {
      runs += 1;
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((r) => (release = r));
      running -= 1;
    });
    const first = check.run();
    void check.run();
    void check.run();
    void check.run();
    release();
    await new Promise((r) => setImmediate(r));
    release();
    await first;
    expect([runs, most]).toEqual([2, 1]);
  });

  it('reports an error and keeps working; runs nothing once closed', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let runs = 0;
    const check = new SerialCheck(
      async () => {
        runs += 1;
        if (fail) throw new Error('store unreachable');
      },
      (e) => errors.push(e),
    );
    await check.run();
    fail = false;
    await check.run();
    check.close();
    await check.run();
    expect(runs).toBe(2);
    expect(errors.map(String)).toEqual(['Error: store unreachable']);
  });
});
