import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A search that gives up at the first item:
 *
 *   for item in store:                        for (Book b : books) {
 *       if item["name"] == name:                  if (b.getTitle().equals(title)) {
 *           buy(item)                                 return b;
 *           return                                } else {
 *       else:                                         System.out.println("not found");
 *           await ctx.send("No such item")            return null;
 *           return                                }
 *                                             }
 *
 * Both branches leave the loop, so it never reaches a second pass: only the first item is ever
 * looked at, and everything after it is "not found". The "not found" belongs after the loop. This
 * is ESLint's no-unreachable-loop, narrowed: only a loop whose exits are an `if` with both branches
 * ending it counts. A loop that plainly returns at its first item (`for (const _ in obj) return
 * false`, "is it empty?"; `for x in xs: return x`, "the first one") is an idiom, and oxlint's rule,
 * which reports those too (13 times in node_modules, every one an idiom), is left off.
 *
 * Its twin, in all four languages: the match branch goes on, but the `else` of a test comparing the
 * item with what is sought leaves (`if args == item.name: buy() else: say "no such item"; return`).
 * The loop then stops at the first item that is not the one sought. Only an equality test on the
 * loop's item counts, and only when the match branch does some work: `if line.strip(): ... else:
 * break` (stop at the first blank line) and `if b == 0: continue else: return False` (all zero?)
 * read every item they mean to.
 */

interface LoopGrammar {
  languages: readonly ParsedLanguage[];
  loops: readonly string[];
  /** The loop's item (`item` of `for item in store`), for the loops that walk a collection. */
  item(loop: Node): Node | null;
  /** An equality test, as the language writes one (`==`, `===`, `.equals(...)`). */
  equality: RegExp;
  /** Statements that do nothing but go round again (`pass`, `continue`). */
  idle: RegExp;
  /** Statements that leave the loop whatever comes after them. */
  exits: ReadonlySet<string>;
  /** Statement lists: every statement of one runs in turn. */
  sequences: ReadonlySet<string>;
  /** The branches of an `if`, when each is there (an `if` without `else` can fall through). */
  branches(statement: Node): Node[] | undefined;
  /** Whether an expression statement leaves for good (Go's `panic(...)`). */
  leaves?(statement: Node): boolean;
  docsUrl: string;
}

/** How a statement ends: not always by leaving, by leaving outright, or by leaving on every branch of an `if`. */
type Ending = 'stays' | 'leaves' | 'branches';

function ending(statement: Node, grammar: LoopGrammar): Ending {
  if (grammar.exits.has(statement.type)) return 'leaves';
  if (statement.type === 'expression_statement' && grammar.leaves?.(statement)) return 'leaves';
  if (grammar.sequences.has(statement.type)) {
    let branched = false;
    for (const child of code(statement.namedChildren)) {
      const end = ending(child, grammar);
      if (end === 'branches') branched = true;
      if (end !== 'stays') return branched ? 'branches' : 'leaves';
    }
    return 'stays';
  }
  const branches = grammar.branches(statement);
  if (!branches) return 'stays';
  return branches.every((branch) => ending(branch, grammar) !== 'stays') ? 'branches' : 'stays';
}

/** Any grammar's loop statement. */
const ANY_LOOP = /^(?:for|for_in|enhanced_for|while|do)_statement$/;

/** Whether the body can go round again by a `continue` of its own (one in a nested loop is that loop's; none crosses a function). */
function goesRound(body: Node, loop: Node): boolean {
  return body.descendantsOfType('continue_statement').some((statement) => {
    for (let at = statement?.parent; at && at.id !== loop.id; at = at.parent) if (ANY_LOOP.test(at.type)) return false;
    return statement !== null;
  });
}

/** A miss that says so: the branch calls something (`print`, `ctx.send`, `res.send`) or returns a sentence. */
function reportsTheMiss(branch: Node, grammar: LoopGrammar): boolean {
  const statements = grammar.sequences.has(branch.type) ? code(branch.namedChildren) : [branch];
  return statements.some((statement) => (statement.type === 'expression_statement' && /^(?:await\s+)?[\w.]+\s*\(/.test(statement.text)) || (statement.type === 'return_statement' && /^return\s+f?["'`]/.test(statement.text)));
}

/**
 * The `else` that gives up at the first miss: the last statement of the body is an `if`/`else`
 * (no `elif` chain: that dispatches on the item) whose condition compares the loop's item for
 * equality, whose match branch does some work, and whose `else` says "not found" and leaves.
 */
function givesUpAtFirstMiss(loop: Node, body: Node, grammar: LoopGrammar): boolean {
  const item = grammar.item(loop);
  const last = grammar.sequences.has(body.type) ? code(body.namedChildren).at(-1) : body;
  const branches = last ? grammar.branches(last) : undefined;
  const condition = last?.childForFieldName('condition');
  if (!item || branches?.length !== 2 || !condition || !grammar.equality.test(condition.text)) return false;
  if (!/^\w+$/.test(item.text) || !new RegExp(`\\b${item.text}\\b`).test(condition.text)) return false;
  const [match, miss] = branches as [Node, Node];
  if (miss.type === 'if_statement' || grammar.idle.test(match.text.replace(/[{}\s;:]/g, ' ').trim())) return false;
  return ending(miss, grammar) !== 'stays' && reportsTheMiss(miss, grammar);
}

function onePassLoopRule(id: string, grammar: LoopGrammar): SyntaxRule {
  return {
    id,
    languages: grammar.languages,
    concern: 'correctness',
    // Whenever the item sought is not the first, the loop answers wrongly.
    failure: 'certain',
    title: 'loop that stops after its first pass',
    question: 'If the item you want is the second one, which line runs, and does the loop ever get to look at it?',
    docsUrl: grammar.docsUrl,
    fix: 'Leave the loop only on the branch that found what it looks for; the "not found" answer goes after the loop, reached once every item has been tried',
    types: grammar.loops,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const loop of grammar.loops.flatMap((type) => index.of(type))) {
        const body = loop.childForFieldName('body');
        if (!body || goesRound(body, loop)) continue;
        if (ending(body, grammar) === 'branches') {
          hits.push({ node: loop, message: 'Every branch of this loop\'s body leaves the loop, so it never reaches a second pass: only the first item is ever looked at.' });
        } else if (givesUpAtFirstMiss(loop, body, grammar)) {
          hits.push({ node: loop, message: 'The `else` of this search leaves the loop at the first item that is not the one sought, so only the first item can ever be found.' });
        }
      }
      return hits;
    },
  };
}

/** An `if` whose `else` (and every `elif`) is there: its branches; undefined when one is missing. */
function pythonBranches(statement: Node): Node[] | undefined {
  if (statement.type !== 'if_statement') return undefined;
  const consequence = statement.childForFieldName('consequence');
  const alternatives = statement.childrenForFieldName('alternative').filter((clause): clause is Node => clause !== null);
  if (!consequence || alternatives.at(-1)?.type !== 'else_clause') return undefined;
  const bodies = alternatives.map((clause) => clause.childForFieldName(clause.type === 'else_clause' ? 'body' : 'consequence'));
  return bodies.every((body): body is Node => body !== null) ? [consequence, ...bodies] : undefined;
}

/** Java's, Go's and JavaScript's `if`: its two branches, an `else if` being the second. */
function ifElseBranches(statement: Node): Node[] | undefined {
  if (statement.type !== 'if_statement') return undefined;
  const consequence = statement.childForFieldName('consequence');
  let alternative = statement.childForFieldName('alternative');
  if (alternative?.type === 'else_clause') alternative = code(alternative.namedChildren)[0] ?? null;
  return consequence && alternative ? [consequence, alternative] : undefined;
}

/** The name a loop's part declares or assigns: `item` of `const item`, `i` of `int i = 0`, `v` of `_, v :=`. */
function declaredName(part: Node | null): Node | null {
  if (!part) return null;
  if (part.type === 'identifier') return part;
  const names = part.descendantsOfType('identifier').filter((name): name is Node => name !== null && name.text !== '_');
  // Go's `i, v := range xs` and `for i := 0; ...`: the value when there is one, else the index.
  const left = part.childForFieldName('left') ?? part.childForFieldName('name') ?? part.namedChildren[0]?.childForFieldName('name') ?? null;
  const declared = left ? names.filter((name) => name.startIndex >= left.startIndex && name.endIndex <= left.endIndex) : names;
  return declared.at(-1) ?? null;
}


export const ONE_PASS_LOOP_RULES: readonly SyntaxRule[] = [
  onePassLoopRule('python/one-pass-loop', {
    languages: ['python'],
    loops: ['for_statement', 'while_statement'],
    item: (loop) => (loop.type === 'for_statement' ? declaredName(loop.childForFieldName('left')) : null),
    equality: /==/,
    idle: /^(?:pass|continue)$/,
    exits: new Set(['return_statement', 'raise_statement', 'break_statement']),
    sequences: new Set(['block']),
    branches: pythonBranches,
    docsUrl: 'https://rules.sonarsource.com/python/RSPEC-1751/',
  }),
  onePassLoopRule('java/one-pass-loop', {
    languages: ['java'],
    loops: ['for_statement', 'enhanced_for_statement', 'while_statement'],
    item: (loop) => (loop.type === 'enhanced_for_statement' ? loop.childForFieldName('name') : loop.type === 'for_statement' ? declaredName(loop.childForFieldName('init')) : null),
    equality: /==|\.equals(?:IgnoreCase)?\s*\(/,
    idle: /^(?:continue)?$/,
    exits: new Set(['return_statement', 'throw_statement', 'break_statement']),
    sequences: new Set(['block']),
    branches: ifElseBranches,
    docsUrl: 'https://www.jetbrains.com/help/inspectopedia/LoopStatementThatDoesntLoop.html',
  }),
  onePassLoopRule('go/one-pass-loop', {
    languages: ['go'],
    loops: ['for_statement'],
    item: (loop) => declaredName(loop.namedChildren.find((part) => part?.type === 'range_clause' || part?.type === 'for_clause') ?? null),
    equality: /==/,
    idle: /^(?:continue)?$/,
    exits: new Set(['return_statement', 'break_statement']),
    sequences: new Set(['block', 'statement_list']),
    branches: ifElseBranches,
    leaves: (statement) => /^panic\s*\(/.test(statement.text),
    docsUrl: 'https://eslint.org/docs/latest/rules/no-unreachable-loop',
  }),
  onePassLoopRule('js/one-pass-loop', {
    languages: ECMASCRIPT,
    loops: ['for_in_statement', 'for_statement', 'while_statement'],
    item: (loop) => (loop.type === 'while_statement' ? null : declaredName(loop.childForFieldName('left') ?? loop.childForFieldName('initializer'))),
    equality: /===?/,
    idle: /^(?:continue)?$/,
    exits: new Set(['return_statement', 'throw_statement', 'break_statement']),
    sequences: new Set(['statement_block']),
    branches: ifElseBranches,
    docsUrl: 'https://eslint.org/docs/latest/rules/no-unreachable-loop',
  }),
];
