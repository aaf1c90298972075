import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * A loop that waits by spinning: Go's `for {}`, Python's `while True: pass`, JavaScript's
 * `while (true) {}`. It keeps a CPU core at 100% for as long as the program runs (and in
 * JavaScript it blocks the event loop, so nothing else ever runs). Usually meant as "wait forever";
 * each language has a way that sleeps instead.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'busy loop',
  question: 'What does this loop do while it waits, and how much of a CPU core does that cost?',
  docsUrl: 'https://en.wikipedia.org/wiki/Busy_waiting',
  fix: 'Block instead of spinning: in Go `select {}` or wait on a channel or signal; in Python `signal.pause()`, the library\'s own `join()` or a `time.sleep` in the loop; in JavaScript let the event loop wait (a timer, an event) instead of a loop',
} as const;

/** Statements that do nothing. */
const NOTHING = new Set(['pass_statement', 'empty_statement', 'comment']);

function doesNothing(body: Node | null): boolean {
  if (!body) return false;
  const statements = body.namedChildren.filter((child): child is Node => child !== null);
  const inner = body.type === 'block' && statements.length === 1 && statements[0]?.type === 'statement_list' ? (statements[0].namedChildren.filter((child): child is Node => child !== null)) : statements;
  return inner.every((statement) => NOTHING.has(statement.type));
}

interface LoopGrammar {
  id: string;
  languages: readonly ParsedLanguage[];
  loops: readonly string[];
  /** Whether a loop runs for ever: no condition, or a condition that is always true. */
  forever(loop: Node): boolean;
}

function busyWait(grammar: LoopGrammar): SyntaxRule {
  return {
    id: grammar.id,
    languages: grammar.languages,
    ...TEACHING,
    types: grammar.loops,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const loop of grammar.loops.flatMap((type) => index.of(type))) {
        if (grammar.forever(loop) && doesNothing(loop.childForFieldName('body'))) hits.push({ node: loop, message: 'This loop runs for ever doing nothing: it keeps a CPU core busy the whole time it waits.' });
      }
      return hits;
    },
  };
}

const ALWAYS = /^\(?\s*(?:true|True|1)\s*\)?$/;

export const BUSY_WAIT_RULES: readonly SyntaxRule[] = [
  busyWait({
    id: 'go/busy-wait',
    languages: ['go'],
    loops: ['for_statement'],
    // `for {}`: a for with nothing but its body.
    forever: (loop) => loop.namedChildren.filter((child) => child !== null && child.type !== 'comment').length === 1,
  }),
  busyWait({
    id: 'python/busy-wait',
    languages: ['python'],
    loops: ['while_statement'],
    forever: (loop) => ALWAYS.test(loop.childForFieldName('condition')?.text ?? ''),
  }),
  busyWait({
    id: 'js/busy-wait',
    languages: ECMASCRIPT,
    loops: ['while_statement', 'for_statement'],
    forever: (loop) => (loop.type === 'while_statement' ? ALWAYS.test(loop.childForFieldName('condition')?.text ?? '') : (loop.childForFieldName('condition')?.type ?? 'empty_statement') === 'empty_statement'),
  }),
];
