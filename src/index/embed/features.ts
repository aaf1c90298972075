import { combine, hashString } from './hash.js';

/**
 * The features of the local embedding: what a piece of code is about (its terms and which terms
 * sit next to each other) and, with smaller weights, how it is written (keywords, operators, calls,
 * indentation). Each feature reaches the vector as a 32-bit hash and a weight.
 */

/** Receives one feature; the same hash may arrive more than once. */
export type FeatureSink = (hash: number, weight: number) => void;

/** Query-time IDF of a term (1 when there are no corpus statistics). */
export type TermWeight = (term: string) => number;

/** Seeds keep the namespaces apart, so the term `catch` and the keyword `catch` are different features. */
const SEED = { term: 0x1b873593, syntax: 0x2c1b3c6d, call: 0x297a2d39, indent: 0x6b43a9b5 } as const;

/**
 * Relative weights. Terms carry the meaning; adjacent pairs add phrase and call-chain context;
 * syntax, calls and layout only separate otherwise similar code by style, so they stay small enough
 * never to outvote shared vocabulary.
 */
const WEIGHT = { bigram: 0.5, syntax: 0.3, call: 0.3, indent: 0.2, ubiquitous: 0.1 } as const;

/** Terms so common in code and prose that matching them says almost nothing (as `terms()` emits them). */
const UBIQUITOUS = new Set([
  'const', 'let', 'var', 'return', 'this', 'self', 'the', 'and', 'or', 'of', 'to', 'in', 'is', 'it', 'if', 'else',
  'function', 'def', 'fn', 'func', 'new', 'true', 'false', 'null', 'nil', 'none', 'undefined', 'void', 'import', 'export',
  'from', 'for', 'public', 'private', 'static', 'string', 'number', 'int', 'value', 'an', 'be', 'by', 'on', 'with', 'as',
]);

/** Keywords and operators whose use marks a style: error handling, async code, functional chains, declarations. */
const SYNTAX =
  /=>|===|!==|\?\.|\?\?|\.\.\.|&&|\|\||::|->|:=|\/\/|\/\*\*|\b(?:async|await|try|catch|finally|throw|raise|except|yield|class|extends|implements|interface|type|enum|struct|impl|switch|match|case|while|for|of|new|typeof|instanceof|readonly|lambda|with|defer|go)\b/g;

/** An identifier directly followed by `(`: a call, or a declaration that reads like one. */
const CALL = /([A-Za-z_$][\w$]*)\s*\(/g;

/** Words followed by `(` that are control flow, not calls. */
const NOT_CALLS = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'typeof', 'await', 'super', 'elif', 'with']);

/** Leading-whitespace widths (tab = 4) that start each indentation bucket: 0, 1–3, 4–7, 8–11, 12–19, 20+. */
const INDENT_BUCKET_STARTS = [0, 1, 4, 8, 12, 20];

/** Damped term frequency, as in BM25 and lnc.ltc: the tenth mention matters less than the first. */
function tf(count: number): number {
  return 1 + Math.log(count);
}

/**
 * Sends every feature of `text` to `sink`. `sequence` is `terms(text)`; `idf`, given on the query
 * side only, scales term and pair weights so rare words dominate (documents stay corpus-independent).
 */
export function extractFeatures(text: string, sequence: readonly string[], sink: FeatureSink, idf?: TermWeight): void {
  addTerms(sequence, sink, idf);
  addCounted(text.matchAll(SYNTAX), (match) => match[0], SEED.syntax, WEIGHT.syntax, sink);
  addCounted(text.matchAll(CALL), (match) => callee(match[1]), SEED.call, WEIGHT.call, sink);
  addIndentation(text, sink);
}

interface TermEntry {
  count: number;
  hash: number;
  weight: number;
  ubiquitous: boolean;
}

function addTerms(sequence: readonly string[], sink: FeatureSink, idf: TermWeight | undefined): void {
  // One entry per distinct term, looked up once per occurrence: this runs over every indexed chunk.
  const entries = new Map<string, TermEntry>();
  const inOrder: TermEntry[] = [];
  for (const term of sequence) {
    let entry = entries.get(term);
    if (!entry) {
      const ubiquitous = UBIQUITOUS.has(term);
      entry = { count: 0, hash: hashString(term, SEED.term), weight: (ubiquitous ? WEIGHT.ubiquitous : 1) * (idf ? idf(term) : 1), ubiquitous };
      entries.set(term, entry);
    }
    entry.count++;
    inOrder.push(entry);
  }
  for (const { hash, count, weight } of entries.values()) sink(hash, tf(count) * weight);
  const pairs = new Map<number, { count: number; weight: number }>();
  for (let i = 1; i < inOrder.length; i++) {
    const first = inOrder[i - 1]!;
    const second = inOrder[i]!;
    if (first.ubiquitous || second.ubiquitous) continue;
    const hash = combine(first.hash, second.hash);
    const pair = pairs.get(hash);
    if (pair) pair.count++;
    else pairs.set(hash, { count: 1, weight: (first.weight + second.weight) / 2 });
  }
  for (const [hash, { count, weight }] of pairs) sink(hash, tf(count) * weight * WEIGHT.bigram);
}

function addCounted(
  matches: Iterable<RegExpMatchArray>,
  name: (match: RegExpMatchArray) => string | undefined,
  seed: number,
  weight: number,
  sink: FeatureSink,
): void {
  const counts = new Map<string, number>();
  for (const match of matches) {
    const key = name(match);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) sink(hashString(key, seed), tf(count) * weight);
}

function callee(name: string | undefined): string | undefined {
  if (name === undefined || NOT_CALLS.has(name)) return undefined;
  return name.toLowerCase();
}

/** How many non-blank lines start at each indentation depth: flat scripts and deep nesting read differently. */
function addIndentation(text: string, sink: FeatureSink): void {
  const counts = new Array<number>(INDENT_BUCKET_STARTS.length).fill(0);
  let atLineStart = true;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      atLineStart = true;
      width = 0;
    } else if (atLineStart) {
      if (code === 32) width++;
      else if (code === 9) width += 4;
      else if (code !== 13) {
        atLineStart = false;
        let bucket = INDENT_BUCKET_STARTS.length - 1;
        while (bucket > 0 && width < (INDENT_BUCKET_STARTS[bucket] ?? 0)) bucket--;
        counts[bucket] = (counts[bucket] ?? 0) + 1;
      }
    }
  }
  counts.forEach((count, bucket) => {
    if (count > 0) sink(hashString(String(bucket), SEED.indent), tf(count) * WEIGHT.indent);
  });
}
