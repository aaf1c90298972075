/** A place in a golden repository: `repo path:start-end @commit`. Lines are 1-based, inclusive. */
export interface Citation {
  repo: string;
  path: string;
  startLine: number;
  endLine: number;
  commit: string;
}
