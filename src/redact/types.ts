/** A secret found in a text: the half-open range of characters to hide and the rule that found it. */
export interface Finding {
  start: number;
  end: number;
  /** Names the kind of secret in the marker, e.g. `github-token` gives `[REDACTED:github-token]`. */
  rule: string;
  /**
   * A value a person chose (`password = "root"`: a word, not random), which harms only with more
   * than this text (the database it opens, an account's name); a random token harms as it stands.
   */
  chosen?: true;
}

/**
 * Where a match's secret is: its `secret` group, or the whole match. Patterns carry the `d` flag so
 * that group offsets are known without searching the match text again.
 */
export function secretSpan(match: RegExpMatchArray): { start: number; end: number; secret: string } | undefined {
  const span = match.indices?.groups?.secret ?? match.indices?.[0];
  const secret = match.groups?.secret ?? match[0];
  if (!span) return undefined;
  return { start: span[0], end: span[1], secret };
}
