import type { ParsedLanguage } from '../../src/index/language.js';
import { createSyntaxEngine } from '../../src/pitfalls/engines/syntax.js';

export const syntaxEngine = createSyntaxEngine();

/** What the syntax checks find in `text`, as `<line> <rule>` (`4 go/ignored-error`), in the engine's order. */
export async function found(language: ParsedLanguage, text: string): Promise<string[]> {
  const pitfalls = await syntaxEngine.check({ path: `x.${language}`, language, text });
  return pitfalls.map((p) => `${p.startLine} ${p.ruleId.replace('tree-sitter/', '')}`);
}
