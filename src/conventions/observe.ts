import type { Tree } from 'web-tree-sitter';
import { isParsedLanguage, type Language } from '../index/language.js';
import { parse } from '../index/parse/tree-sitter.js';
import { FactSink, SIZE_KEYS, type Facts } from './facts.js';
import { lexicalFacts } from './lexical.js';
import { specFor } from './specs/index.js';
import { MAX_EXAMPLES_PER_FILE } from './thresholds.js';
import type { FileObservations } from './types.js';
import { walkTree } from './walk.js';

/**
 * Version of FileObservations, their format and what they record: stored observations with another
 * version are re-observed. Bump it whenever an observed value changes (2: test titles "state the
 * behaviour", where indexes built by 1 still said "states"; 3: functions returning JSX are
 * `naming.component`, no longer `naming.function`; 4: external calls, `api.<callee>`; 5: a print to
 * the console is `idioms.logging` only when it reports a failure; 6: not a handler's message to the
 * user of a program that reads the terminal).
 */
export const OBSERVATIONS_VERSION = 6;

/**
 * All facts of one file, each with its line. Parsed with tree-sitter when the language has a spec,
 * else read lexically. Never throws on broken code: ERROR subtrees are skipped.
 */
export async function collectFacts(text: string, language: Language, parsed?: Tree | null): Promise<Facts> {
  const lines = text.split('\n');
  const lineCount = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const sink = new FactSink();
  const spec = specFor(language);
  let barrel = false;
  let lexical = true;
  if (spec && isParsedLanguage(language)) {
    // A tree passed in belongs to the caller (the indexer parses once for chunks and conventions).
    const tree = parsed === undefined ? await parse(text, language) : parsed;
    if (tree) {
      try {
        walkTree(tree, spec, sink);
        barrel = spec.isBarrel?.(tree.rootNode) ?? false;
        lexical = false;
      } finally {
        if (parsed === undefined) tree.delete();
      }
    }
  }
  if (lexical) lexicalFacts(lines, sink);
  sink.measure(SIZE_KEYS.fileLines, lineCount, 1, Math.max(1, lineCount));
  return { lines: lineCount, commentLines: sink.commentRows.size, lexical, barrel, facts: sink.facts, measures: sink.measures };
}

/** Compresses facts into the stored, path-independent observations of one blob. */
export function summarize(facts: Facts): FileObservations {
  const cat: FileObservations['cat'] = {};
  for (const fact of facts.facts) {
    const values = (cat[fact.key] ??= {});
    const count = (values[fact.value] ??= { n: 0, ex: [] });
    count.n++;
    if (count.ex.length < MAX_EXAMPLES_PER_FILE) count.ex.push([fact.start, fact.end]);
  }
  const size: FileObservations['size'] = {};
  for (const measure of facts.measures) {
    const entry = (size[measure.key] ??= { h: {}, top: [measure.value, measure.start, measure.end] });
    entry.h[measure.value] = (entry.h[measure.value] ?? 0) + 1;
    if (measure.value > entry.top[0]) entry.top = [measure.value, measure.start, measure.end];
  }
  return {
    v: OBSERVATIONS_VERSION,
    lines: facts.lines,
    commentLines: facts.commentLines,
    ...(facts.lexical ? { lexical: true } : {}),
    ...(facts.barrel ? { barrel: true } : {}),
    cat,
    size,
  };
}

/**
 * Path-independent facts about one file's content (naming cases by identifier kind, function
 * sizes, catch blocks, imports, idiom counts), compact enough to store one per git blob.
 */
export async function observeFile(text: string, language: Language, parsed?: Tree | null): Promise<FileObservations> {
  return summarize(await collectFacts(text, language, parsed));
}
