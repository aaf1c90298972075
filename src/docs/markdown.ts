/** Small markdown helpers shared by the two documents. */

const FENCE_LANGUAGE: Record<string, string> = { typescript: 'ts', javascript: 'js', csharp: 'cs', shell: 'sh' };

/** A fenced code block that its own content cannot close. */
export function codeBlock(code: string, language: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${FENCE_LANGUAGE[language] ?? language}\n${code}\n${fence}`;
}

/** A table cell: pipes escaped, newlines flattened, and no `<...>` a renderer could take for HTML. */
export function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Text for a heading or a sentence: `<` outside code spans escaped, so `<name>` shows instead of vanishing as a tag. */
export function inline(text: string): string {
  return text.split(/(`[^`]*`)/).map((part) => (part.startsWith('`') ? part : part.replace(/</g, '&lt;'))).join('');
}

/** The short sha shown in headers (links and citations carry the full one). */
export function shortSha(commit: string): string {
  return commit.slice(0, 12);
}
