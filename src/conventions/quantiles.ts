/** The q-quantile (0..1) of a distribution given as a value → count histogram (nearest rank). */
export function quantile(histogram: ReadonlyMap<number, number>, q: number): number {
  const values = [...histogram.keys()].sort((a, b) => a - b);
  const total = [...histogram.values()].reduce((sum, n) => sum + n, 0);
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const value of values) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return values[values.length - 1] ?? 0;
}

/** Median of plain numbers. */
export function median(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return quantile(counts, 0.5);
}
