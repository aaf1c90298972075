import type { Node } from 'web-tree-sitter';
import { PYTHON_FUNCTIONS } from './python-grammar.js';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { GO_FUNCTIONS } from './go.js';
import { ancestor, calleeText, code, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * A loop whose condition can never change: `String str = reader.readLine(); while (str != null) {
 * ... }` with no `str = reader.readLine()` inside, `while guess != answer:` with no new guess.
 * Nothing in the body touches what the condition reads and nothing leaves the loop, so it runs for
 * ever on its first value (or never). Found only where the condition reads local variables and
 * does nothing else (a call, a field or an element may change behind the code's back; `n--` moves
 * itself on), the body never assigns them nor hands them to anything that could change them
 * (Java's strings and numbers cannot be changed that way), and has no break, return, throw or exit.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'loop condition never changes',
  question: 'Which line inside this loop changes what its condition tests, and so when does the loop stop?',
  docsUrl: 'https://en.wikipedia.org/wiki/Infinite_loop',
  fix: 'Move to the next value inside the loop (`str = reader.readLine();` at the end of the body, or `while ((line = reader.readLine()) != null)`), or leave it with `break` when the work is done',
} as const;

/** Nodes that make a condition depend on more than local variables. */
const BEYOND_LOCALS = new Set([
  // The condition moves itself on: `while (n--)`, `while ((line = next()) != null)`, `while (chunk := read())`.
  'update_expression', 'assignment_expression', 'augmented_assignment_expression', 'named_expression',
  'call', 'call_expression', 'method_invocation', 'member_expression', 'field_access', 'attribute', 'selector_expression',
  'subscript', 'subscript_expression', 'index_expression', 'array_access', 'await', 'await_expression', 'this', 'self',
]);
/** Statements that leave a loop or the function. */
const LEAVES = new Set(['return_statement', 'throw_statement', 'raise_statement', 'goto_statement', 'yield', 'yield_expression', 'await', 'await_expression']);
/** Calls that end the program. */
const EXITS = /^(?:System\.exit|os\.Exit|sys\.exit|exit|quit|process\.exit|panic|log\.Fatal\w*|log\.Panic\w*)$/;
/** Constructs a `break` inside belongs to, not to the loop around them. */
const BREAK_TARGETS = new Set(['while_statement', 'for_statement', 'for_in_statement', 'enhanced_for_statement', 'do_statement', 'switch_statement', 'switch_expression', 'expression_switch_statement', 'type_switch_statement', 'select_statement', 'match_statement']);
/** Java types whose values no call can change: only an assignment moves them on. */
const JAVA_IMMUTABLE = /^(?:String|int|long|short|byte|char|boolean|double|float|Integer|Long|Short|Byte|Character|Boolean|Double|Float)$/;

interface LoopGrammar {
  id: string;
  languages: readonly ParsedLanguage[];
  loops: readonly string[];
  functions: ReadonlySet<string>;
  /** The loop's condition, when the loop is one that only has a condition. */
  condition(loop: Node): Node | undefined;
  /** The type a local or parameter is declared with in `fn` (Java), `''` when declared without one, undefined when not declared there. */
  declaredType(name: string, fn: Node, index: SyntaxIndex): string | undefined;
  /** Whether an occurrence of a name is a place it is given a new value: `x = ...`, `x++`, `x += 1`, `&x`. */
  assigns(occurrence: Node): boolean;
  /** Whether handing `type` to a call could change it (only Java knows it cannot). */
  changeableByCalls(type: string): boolean;
}

function leaves(body: Node, loop: Node, index: SyntaxIndex): boolean {
  for (const node of [...LEAVES, 'break_statement', 'call', 'call_expression', 'method_invocation'].flatMap((type) => index.of(type, body))) {
    if (LEAVES.has(node.type)) return true;
    if (node.type === 'break_statement') {
      // A labelled break may leave this loop; an unlabelled one leaves the innermost loop or switch.
      if (node.namedChildCount > 0) return true;
      let at = node.parent;
      while (at && at.id !== loop.id && !BREAK_TARGETS.has(at.type)) at = at.parent;
      if (at?.id === loop.id) return true;
      continue;
    }
    if (EXITS.test(calleeText(node))) return true;
  }
  return false;
}

function staleLoop(grammar: LoopGrammar): SyntaxRule {
  return {
    id: grammar.id,
    languages: grammar.languages,
    ...TEACHING,
    types: [...grammar.loops, 'identifier', ...LEAVES, 'break_statement', 'call', 'call_expression', 'method_invocation', 'variable_declarator', 'formal_parameter', 'short_var_declaration', 'var_spec', 'parameter_declaration', 'assignment'],
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const loop of grammar.loops.flatMap((type) => index.of(type))) {
        const condition = grammar.condition(loop);
        const body = loop.childForFieldName('body');
        const fn = ancestor(loop, grammar.functions);
        if (!condition || !body || !fn) continue;
        if (condition.descendantsOfType([...BEYOND_LOCALS]).some((node) => node !== null)) continue;
        const names = [...new Set(index.of('identifier', condition).map((identifier) => identifier.text))];
        if (names.length === 0 || /\b(?:true|True|false|False)\b/.test(condition.text)) continue;
        const stale = names.every((name) => {
          const type = grammar.declaredType(name, fn, index);
          if (type === undefined) return false;
          const inBody = index.of('identifier', body).filter((identifier) => identifier.text === name);
          return inBody.every((occurrence) => !grammar.assigns(occurrence)) && (!grammar.changeableByCalls(type) || inBody.length === 0);
        });
        if (!stale || leaves(body, loop, index)) continue;
        hits.push({ node: condition, message: `Nothing in this loop changes ${names.map((name) => `\`${name}\``).join(' or ')}, and nothing leaves it: \`${condition.text.slice(0, 40)}\` stays as it was.` });
      }
      return hits;
    },
  };
}

/** Whether `occurrence` is the target, or inside the target, of `parent`'s `field`. */
function inField(occurrence: Node, parentTypes: ReadonlySet<string>, field: string): boolean {
  for (let at: Node | null = occurrence; at?.parent; at = at.parent) {
    if (parentTypes.has(at.parent.type)) return at.parent.childForFieldName(field)?.id === at.id;
  }
  return false;
}

function namesIn(nodes: Node[], field: string): Set<string> {
  return new Set(nodes.map((node) => node.childForFieldName(field)?.text ?? '').filter(Boolean));
}

export const STALE_LOOP_RULES: readonly SyntaxRule[] = [
  staleLoop({
    id: 'java/stale-loop-condition',
    languages: ['java'],
    loops: ['while_statement'],
    functions: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
    condition: (loop) => loop.childForFieldName('condition') ?? undefined,
    declaredType(name, fn, index) {
      const parameter = index.of('formal_parameter', fn).find((node) => node.childForFieldName('name')?.text === name);
      if (parameter) return parameter.childForFieldName('type')?.text ?? '';
      const declarator = index.of('variable_declarator', fn).find((node) => node.childForFieldName('name')?.text === name);
      return declarator ? (declarator.parent?.childForFieldName('type')?.text ?? '') : undefined;
    },
    assigns: (occurrence) => inField(occurrence, new Set(['assignment_expression']), 'left') || occurrence.parent?.type === 'update_expression',
    changeableByCalls: (type) => !JAVA_IMMUTABLE.test(type),
  }),
  staleLoop({
    id: 'js/stale-loop-condition',
    languages: ECMASCRIPT,
    loops: ['while_statement'],
    functions: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'function']),
    condition: (loop) => loop.childForFieldName('condition') ?? undefined,
    declaredType(name, fn, index) {
      const declared = namesIn(index.of('variable_declarator', fn), 'name');
      const parameters = fn.childForFieldName('parameters')?.text ?? '';
      return declared.has(name) || new RegExp(`(?<![\\w$.])${name}(?![\\w$])`).test(parameters) ? '' : undefined;
    },
    assigns: (occurrence) => inField(occurrence, new Set(['assignment_expression', 'augmented_assignment_expression']), 'left') || occurrence.parent?.type === 'update_expression' || inField(occurrence, new Set(['for_in_statement']), 'left'),
    changeableByCalls: () => true,
  }),
  staleLoop({
    id: 'python/stale-loop-condition',
    languages: ['python'],
    loops: ['while_statement'],
    functions: PYTHON_FUNCTIONS,
    condition: (loop) => loop.childForFieldName('condition') ?? undefined,
    declaredType(name, fn, index) {
      const assigned = index.of('assignment', fn).some((node) => node.childForFieldName('left')?.text === name);
      const parameters = fn.childForFieldName('parameters')?.text ?? '';
      return assigned || new RegExp(`(?<![\\w.])${name}(?!\\w)`).test(parameters) ? '' : undefined;
    },
    assigns: (occurrence) => inField(occurrence, new Set(['assignment', 'augmented_assignment', 'for_statement', 'named_expression']), 'left') || inField(occurrence, new Set(['named_expression']), 'name'),
    changeableByCalls: () => true,
  }),
  staleLoop({
    id: 'go/stale-loop-condition',
    languages: ['go'],
    loops: ['for_statement'],
    functions: GO_FUNCTIONS,
    // `for cond { ... }`: a condition and a body, no clause.
    condition: (loop) => {
      const parts = code(loop.namedChildren);
      return parts.length === 2 && parts[0]?.type !== 'for_clause' && parts[0]?.type !== 'range_clause' ? parts[0] : undefined;
    },
    declaredType(name, fn, index) {
      const declared = [...index.of('short_var_declaration', fn), ...index.of('var_spec', fn), ...index.of('parameter_declaration', fn)].some((node) =>
        (node.type === 'short_var_declaration' ? node.childForFieldName('left')?.namedChildren ?? [] : node.childrenForFieldName('name')).some((identifier) => identifier?.text === name),
      );
      return declared ? '' : undefined;
    },
    assigns: (occurrence) =>
      inField(occurrence, new Set(['assignment_statement', 'short_var_declaration']), 'left') || occurrence.parent?.type === 'inc_statement' || occurrence.parent?.type === 'dec_statement' || (occurrence.parent?.type === 'unary_expression' && occurrence.parent.text.startsWith('&')),
    changeableByCalls: () => true,
  }),
];
