import { debug } from '../../log/logger.js';
import type { Tree } from 'web-tree-sitter';
import { isParsedLanguage, type Language, type ParsedLanguage } from '../language.js';
import { parse } from '../parse/tree-sitter.js';
import { MAX_CHUNK_CHARS, WINDOW_LINES } from './budget.js';
import { LineIndex, windowStarts } from './lines.js';
import { RULES } from './rules.js';
import { toChunks, type Chunk, type Segment } from './segments.js';
import { syntaxSegments } from './syntax.js';

export type { Chunk } from './segments.js';

/**
 * Cuts a file into chunks for indexing. Parsed languages follow the syntax tree: functions,
 * methods and classes with their doc comments, decorators and `export`; big classes split into
 * members (`Class.method`), long bodies into windows, small neighbours merged. Other languages,
 * unparseable files and trees that are mostly errors get line windows. Every non-blank line
 * lands in exactly one chunk.
 */
export async function chunkFile(text: string, language: Language, parsed?: Tree | null): Promise<Chunk[]> {
  if (!/\S/.test(text)) return [];
  const lines = new LineIndex(text);
  if (!isParsedLanguage(language)) return toChunks(windowSegments(lines), lines);
  // A tree passed in belongs to the caller (the indexer parses once for chunks and conventions).
  const tree = parsed === undefined ? await parseOrNull(text, language) : parsed;
  if (!tree) return toChunks(windowSegments(lines), lines);
  try {
    return toChunks(syntaxSegments(tree.rootNode, lines, RULES[language]) ?? windowSegments(lines), lines);
  } finally {
    if (parsed === undefined) tree.delete();
  }
}

async function parseOrNull(text: string, language: ParsedLanguage): Promise<Tree | null> {
  try {
    return await parse(text, language);
  } catch (error) {
    debug('chunk', `tree-sitter failed on ${language} text, using line windows`, { error: String(error) });
    return null;
  }
}

/** Line windows of about WINDOW_LINES lines, preferring to cut after a blank line. */
function windowSegments(lines: LineIndex): Segment[] {
  return windowStarts(lines, 0, lines.count - 1, WINDOW_LINES, MAX_CHUNK_CHARS).map((start) => ({ start, kind: 'window', symbol: null }));
}
