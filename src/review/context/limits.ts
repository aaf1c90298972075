/**
 * Budgets that keep a review small enough to read and cheap to send. A save rarely touches more
 * than a few hunks; past these, the rest is left out rather than drowning the learner.
 */
export const CONTEXT_LIMITS = {
  /** Hunks reviewed per save, largest first. */
  maxHunks: 8,
  /** Golden code comparable to a hunk sent with it, whatever its findings (the model's neighbours). */
  neighboursPerHunk: 2,
  /** Pieces of evidence in one review (golden snippets, conventions and rules). */
  maxEvidence: 8,
  /** Of those, kept for neighbours: findings may not use the last ones, so a model always sees comparable code. */
  reservedForNeighbours: 2,
  /** Lines shown above a golden example's case of the habit, so it reads in its context. */
  exampleLead: 2,
  /** Lines around a flagged line whose calls say what its pitfall is about. */
  pitfallContextLines: 3,
  /** Golden candidates linted per pitfall when looking for the same work done without it (each is a linter run). */
  pitfallExampleTries: 4,
  /**
   * Lines of a golden snippet sent or shown: enough for a function's head and the habit in
   * question, and half a terminal pane beside the learner's code (at 24 lines a review sent
   * 0.31x the naive prompt's evidence; the target is 0.3x).
   */
  snippetLines: 16,
};
