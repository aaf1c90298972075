/** The usual reciprocal-rank constant: damps the head so one list cannot dominate. */
const RRF_K = 60;

/** Reciprocal rank fusion of ranked id lists into one score per id. */
export function fuseRanks(lists: number[][], weights: number[] = lists.map(() => 1)): Map<number, number> {
  const scores = new Map<number, number>();
  lists.forEach((list, which) => {
    const weight = weights[which] ?? 1;
    list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + weight / (RRF_K + rank + 1)));
  });
  return scores;
}
