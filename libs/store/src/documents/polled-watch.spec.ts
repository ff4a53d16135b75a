import { PolledWatch } from './polled-watch';

/** A watch whose checks emit the next number of a counter. */
class Counter extends PolledWatch<number> {
  private n = 0;
  protected async poll(): Promise<void> {
    this.emit(++this.n);
  }
}

describe('PolledWatch', () => {
  it('keeps delivering after a listener throws, and delivers nothing after close', async () => {
    const seen: number[] = [];
    let closes = 0;
    const watch = new Counter(
      (n) => {
        seen.push(n);
        if (n === 1) throw new Error('listener failed');
      },
      () => closes++,
    );
    await watch.check();
    await watch.check();
    watch.close();
    watch.close();
    await watch.check();
    expect(seen).toEqual([1, 2]);
    expect(closes).toBe(1);
  });
});
