/**
 * Splits texts into consecutive batches of at most `maxCount` texts and, where possible, at most
 * `maxChars` characters. A text longer than `maxChars` travels alone: trimming it is the chunker's
 * job, and the server's error says so more precisely than a guess here could.
 */
export function splitIntoBatches(texts: readonly string[], maxCount: number, maxChars: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const text of texts) {
    if (current.length > 0 && (current.length >= maxCount || chars + text.length > maxChars)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(text);
    chars += text.length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
