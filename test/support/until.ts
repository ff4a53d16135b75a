/** Resolves when the predicate holds (checked every 5 ms), rejects after ms. */
export function until(predicate: () => boolean, ms = 5000): Promise<void> {
  return new Promise((res, rej) => {
    const start = Date.now();
    const t = setInterval(() => {
      if (predicate()) {
        clearInterval(t);
        res();
      } else if (Date.now() - start > ms) {
        clearInterval(t);
        rej(new Error('timed out'));
      }
    }, 5);
  });
}
