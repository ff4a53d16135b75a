import { createRng } from '@hirelearn/stats';

/**
 * Assigns each row to a part by its user, so no user's applications sit on both sides of a
 * split (a user's traits would otherwise leak from training into evaluation). The draw per
 * user comes from a generator seeded by the seed and the user id: stable under row order.
 * `fractions` must sum to 1; returns the row indices of each part.
 */
export function splitByUser(
  users: readonly string[],
  fractions: readonly number[],
  seed: number,
): number[][] {
  const cuts: number[] = [];
  let acc = 0;
  for (const f of fractions) cuts.push((acc += f));
  const partOf = new Map<string, number>();
  const parts: number[][] = fractions.map(() => []);
  users.forEach((u, i) => {
    let p = partOf.get(u);
    if (p === undefined) {
      const r = createRng(`${seed}/${u}`).uniform();
      p = cuts.findIndex((c) => r < c);
      if (p < 0) p = fractions.length - 1;
      partOf.set(u, p);
    }
    parts[p].push(i);
  });
  return parts;
}
