/** Plain Okapi BM25 (k1 = 1.2, b = 0.75) over pre-tokenised documents: the benchmark baseline. */
export class Bm25 {
  private readonly df = new Map<string, number>();
  private readonly tfs: Array<Map<string, number>>;
  private readonly lengths: number[];
  private readonly avgLength: number;

  constructor(docs: string[][]) {
    this.tfs = docs.map((tokens) => {
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return tf;
    });
    this.lengths = docs.map((d) => d.length);
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, docs.length);
  }

  /** Indices of the best `limit` documents for the query tokens. */
  search(query: string[], limit: number): number[] {
    const n = this.tfs.length;
    const scores = this.tfs.map((tf, doc) => {
      let score = 0;
      for (const term of query) {
        const f = tf.get(term);
        if (!f) continue;
        const df = this.df.get(term) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * f * 2.2) / (f + 1.2 * (1 - 0.75 + (0.75 * this.lengths[doc]!) / this.avgLength));
      }
      return { doc, score };
    });
    return scores
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((s) => s.doc);
  }
}
