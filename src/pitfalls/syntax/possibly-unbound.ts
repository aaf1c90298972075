import type { Node } from 'web-tree-sitter';
import { calleeText, code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A Python name given a value on only some paths, then read on all of them: `if will_rain:
 * message = client.messages.create(...)` followed by `print(message.status)`, or `try: data =
 * json.load(f)` whose `except` only prints, followed by `data["key"]`. On the other path the name
 * was never bound, and the read raises NameError (UnboundLocalError in a function): the script
 * crashes exactly when the condition is false or the call failed. Found for an `if` (an `elif`
 * chain, with or without `else`) or a `try` that binds a name nothing bound before it, where some
 * way through neither binds it nor leaves (return, raise, break, continue, exit), and the next
 * mention of the name after it, in the same block, reads it. A read under a test of what the
 * binding was decided on (`if will_rain:` twice, `timeout is None` then `is not None`) is left alone.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'name possibly unbound',
  question: 'On the path where this block does not run, what does the name hold when the later line reads it?',
  docsUrl: 'https://docs.astral.sh/ruff/rules/undefined-name/',
  fix: 'Give the name a value on every path before it is read: set a default before the `if` or `try` (`message = None`), or move the read inside the block that sets it',
} as const;

/** Scopes of their own: what is bound or read inside them is not the block's. */
const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const LEAVING = new Set(['return_statement', 'raise_statement', 'break_statement', 'continue_statement']);
/** Calls that end the program, or helpers named for raising (`exit_with_usage()`, `_raise_bad_format(...)`, `assert_never(x)`, distutils' `error(...)`). */
const EXITS = /^(?:sys\.exit|exit|quit|os\._exit|error)$|(?:^|[._])(?:raise|fail|abort|die|bail|exit|assert_never)\w*$/i;

/** The identifiers an assignment-like node binds: `x = ...`, `a, b = ...`, `for x in`, `with ... as x`, `import x`. */
function bound(node: Node): Node[] {
  const targets: Array<Node | null> = [];
  if (node.type === 'assignment' || node.type === 'for_statement' || node.type === 'augmented_assignment') targets.push(node.childForFieldName('left'));
  else if (node.type === 'named_expression') targets.push(node.childForFieldName('name'));
  else if (node.type === 'as_pattern') targets.push(node.childForFieldName('alias'));
  else if (node.type === 'function_definition' || node.type === 'class_definition') targets.push(node.childForFieldName('name'));
  else if (node.type === 'import_statement' || node.type === 'import_from_statement') return importedNames(node);
  else if (node.type === 'global_statement' || node.type === 'nonlocal_statement') targets.push(...node.namedChildren);
  return targets.flatMap(names);
}

/** The names a target binds: `x`, each name of `a, (b, c)`; none for `obj.x` or `d[k]`, which bind nothing new. */
function names(target: Node | null): Node[] {
  if (target === null) return [];
  if (target.type === 'identifier') return [target];
  if (/^(?:pattern_list|tuple_pattern|list_pattern|tuple|list|expression_list|list_splat_pattern|as_pattern_target|parenthesized_expression)$/.test(target.type)) return target.namedChildren.flatMap(names);
  return [];
}

/** `import os.path` binds `os`; `from a import b as c` binds `c`; `import x as y` binds `y`. */
function importedNames(node: Node): Node[] {
  return node.childrenForFieldName('name').flatMap((name) => {
    if (name === null) return [];
    const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : null;
    if (alias) return [alias];
    const parts = name.descendantsOfType('identifier').filter((id): id is Node => id !== null);
    const kept = node.type === 'import_statement' ? parts[0] : parts.at(-1);
    return kept ? [kept] : [];
  });
}

/** What a junior binds on one path and reads on all: plain values (a def or class under a feature check, an import in a try, is the library's own idiom). */
const VALUE_BINDERS = ['assignment', 'augmented_assignment', 'for_statement', 'named_expression', 'as_pattern'];
const LOOPS = new Set(['for_statement', 'while_statement']);

const BINDERS = ['assignment', 'augmented_assignment', 'for_statement', 'named_expression', 'as_pattern', 'function_definition', 'class_definition', 'import_statement', 'import_from_statement', 'global_statement', 'nonlocal_statement'];

/** Whether an identifier is where a name is bound (`x = ...`, `for k, v in`, `except E as e`), not read. */
function binds(identifier: Node): boolean {
  for (let at = identifier.parent; at && !at.type.endsWith('_statement') || at?.type === 'for_statement'; at = at?.parent ?? null) {
    if (at && BINDERS.includes(at.type)) return bound(at).some((id) => id.id === identifier.id);
  }
  return false;
}

/** The scope a node is in: its function, else the module. */
function scopeOf(node: Node): Node {
  let at = node.parent;
  while (at && at.type !== 'function_definition' && at.type !== 'module') at = at.parent;
  return at ?? node;
}

/** Whether `node` is inside a function or class nested in `scope`. */
function nestedIn(node: Node, scope: Node): boolean {
  for (let at = node.parent; at && at.id !== scope.id; at = at.parent) if (NESTED_SCOPES.has(at.type)) return true;
  return false;
}

/** One way through an `if` or a `try`: the blocks it runs, in order (none for an `if` with no `else`). */
type Way = Node[];

/** Whether a way ends by leaving: one of its blocks ends in return, raise, break, continue, exit(), or an if/else each of whose branches does. */
function leaves(way: Way): boolean {
  return way.some(blockLeaves);
}

function blockLeaves(block: Node): boolean {
  const last = code(block.namedChildren).at(-1);
  if (!last) return false;
  if (LEAVING.has(last.type)) return true;
  if (last.type === 'if_statement' || last.type === 'try_statement') return waysThrough(last).every((way) => way.length > 0 && leaves(way));
  const call = last.type === 'expression_statement' ? last.namedChildren[0] : null;
  return call?.type === 'call' && EXITS.test(calleeText(call));
}

/** The ways through an `if` or a `try`. */
function waysThrough(statement: Node): Way[] {
  if (statement.type === 'if_statement') {
    const ways: Way[] = [code([statement.childForFieldName('consequence')])];
    let hasElse = false;
    for (const clause of statement.childrenForFieldName('alternative')) {
      if (clause?.type === 'elif_clause') ways.push(code([clause.childForFieldName('consequence')]));
      if (clause?.type === 'else_clause') {
        ways.push(code([clause.childForFieldName('body')]));
        hasElse = true;
      }
    }
    if (!hasElse) ways.push([]);
    return ways;
  }
  // A try: its body and then its `else`, and each handler that catches what the body raised.
  const orElse = statement.namedChildren.find((child) => child?.type === 'else_clause')?.childForFieldName('body');
  const handlers = statement.namedChildren.filter((child) => child?.type === 'except_clause').map((clause) => code([clause?.namedChildren.find((part) => part?.type === 'block')]));
  return [code([statement.childForFieldName('body'), orElse]), ...handlers];
}

function insideLoop(node: Node, scope: Node): boolean {
  for (let at = node.parent; at && at.id !== scope.id; at = at.parent) if (LOOPS.has(at.type)) return true;
  return false;
}

/** The names the conditions of the `if`s around `node` read. */
function namesTestedAround(node: Node, stop: Node): Set<string> {
  const names = new Set<string>();
  for (let at = node.parent; at && at.id !== stop.id; at = at.parent) {
    const condition = at.type === 'if_statement' || at.type === 'elif_clause' || at.type === 'conditional_expression' ? at.childForFieldName('condition') : null;
    for (const id of condition?.descendantsOfType('identifier') ?? []) if (id) names.add(id.text);
  }
  return names;
}

/** A name bound in a scope: where, and whether by a plain value (`x = ...`) rather than a def, a class or an import. */
interface Binding {
  id: Node;
  value: boolean;
}

function within(binding: Binding, node: Node): boolean {
  return binding.id.startIndex >= node.startIndex && binding.id.endIndex <= node.endIndex;
}

const possiblyUnbound: SyntaxRule = {
  id: 'python/possibly-unbound',
  languages: ['python'],
  ...TEACHING,
  types: ['if_statement', 'try_statement', 'identifier', 'parameters', 'lambda_parameters', ...BINDERS],
  find(index) {
    const hits: SyntaxHit[] = [];
    const reported = new Set<string>();
    // Every scope's bindings and each name's mentions, gathered in one pass: a file has thousands of ifs.
    const scopes = new Map<number, Binding[]>();
    for (const node of BINDERS.flatMap((type) => index.of(type))) {
      const scope = scopeOf(node);
      if (nestedIn(node, scope)) continue;
      const found = scopes.get(scope.id) ?? [];
      found.push(...bound(node).map((id) => ({ id, value: VALUE_BINDERS.includes(node.type) })));
      scopes.set(scope.id, found);
    }
    const bindingsOf = (scope: Node): Binding[] => scopes.get(scope.id) ?? [];
    const mentions = new Map<string, Node[]>();
    for (const id of index.of('identifier')) {
      const list = mentions.get(id.text) ?? [];
      list.push(id);
      mentions.set(id.text, list);
    }
    const mentionsOf = (name: string, inside: Node): Node[] => (mentions.get(name) ?? []).filter((id) => id.startIndex >= inside.startIndex && id.endIndex <= inside.endIndex);
    for (const statement of [...index.of('if_statement'), ...index.of('try_statement')]) {
      const scope = scopeOf(statement);
      // Inside a loop a name may have been bound on an earlier turn.
      if (insideLoop(statement, scope)) continue;
      const all = bindingsOf(scope);
      const boundInside = all.filter((binding) => within(binding, statement));
      const inside = new Set(boundInside.filter((binding) => binding.value).map((binding) => binding.id.text));
      if (inside.size === 0) continue;
      const ways = waysThrough(statement);
      const parameters = scope.type === 'function_definition' ? (scope.childForFieldName('parameters')?.text ?? '') : '';
      const before = new Set(all.filter((binding) => binding.id.startIndex < statement.startIndex).map((binding) => binding.id.text));
      const finallyClauses = statement.namedChildren.filter((child): child is Node => child?.type === 'finally_clause');
      const finallyBinds = new Set(boundInside.filter((binding) => finallyClauses.some((clause) => within(binding, clause))).map((binding) => binding.id.text));
      for (const name of inside) {
        if (before.has(name) || finallyBinds.has(name) || new RegExp(`(?<![\\w.])${name}(?!\\w)`).test(parameters) || reported.has(`${scope.id}:${name}`)) continue;
        // `try: raw_input` / `except NameError: raw_input = input`: the body asks whether the name exists.
        if (statement.type === 'try_statement' && mentionsOf(name, statement.childForFieldName('body') ?? statement).some((id) => !binds(id))) continue;
        // Some way through neither binds the name nor leaves, and some way that binds it goes on to the read.
        const bindsIt = (way: Way) => way.some((block) => boundInside.some((binding) => binding.id.text === name && within(binding, block)));
        if (!ways.some((way) => !leaves(way) && !bindsIt(way)) || !ways.some((way) => bindsIt(way) && !leaves(way))) continue;
        // The next mention after the statement, in its block: a read is the fault, a new binding is not.
        const next = mentionsOf(name, statement.parent ?? scope).find((id) => id.startIndex > statement.endIndex && !nestedIn(id, scope));
        if (!next || binds(next) || (next.parent?.type === 'keyword_argument' && next.parent.childForFieldName('name')?.id === next.id)) continue;
        if (next.parent?.type === 'attribute' && next.parent.childForFieldName('attribute')?.id === next.id) continue;
        // Read under a test of what the binding was decided on, its test or what the same block bound with it
        // (`if timeout is not None: end = ...` then `if timeout is None: ... else: end - now`): the paths go together.
        const tested = [...(statement.type === 'if_statement' ? (statement.childForFieldName('condition')?.descendantsOfType('identifier') ?? []).map((id) => id?.text ?? '') : []), ...boundInside.map((binding) => binding.id.text).filter((other) => other !== name)];
        const around = namesTestedAround(next, scope);
        if (tested.some((other) => around.has(other))) continue;
        reported.add(`${scope.id}:${name}`);
        hits.push({ node: next, message: `\`${name}\` is only given a value on some paths through line ${statement.startPosition.row + 1}, and line ${next.startPosition.row + 1} reads it on all of them.` });
      }
    }
    return hits.sort((a, b) => a.node.startIndex - b.node.startIndex);
  },
};

export const POSSIBLY_UNBOUND_RULES: readonly SyntaxRule[] = [possiblyUnbound];
