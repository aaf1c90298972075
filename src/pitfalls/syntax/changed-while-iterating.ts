import type { Node } from 'web-tree-sitter';
import { code, inFunctionWithin, statementAfter, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * A collection changed by the loop that walks it: `for (Account account : accounts) { if (...)
 * accounts.remove(account); }`, the same through `Iterator<Account> it = accounts.iterator()`, or
 * Python's `for item in cart: cart.remove(item)`. Java's collections throw
 * ConcurrentModificationException at the next step of the loop; Python skips the item after each
 * one removed from a list and stops with RuntimeError when a dict or set changes size (Python's
 * appends are left alone: adding to the list being walked is how a worklist is written). Left alone
 * when the change is followed at once by `break` or `return` (the loop ends there) or made through
 * the iterator itself (`it.remove()`), and when the loop walks a copy (`for x in list(items)`).
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'collection changed while a loop walks it',
} as const;

const JAVA_CHANGES = /^(?:remove|add|addAll|removeAll|retainAll|clear|put|putAll)$/;
/** Removals: appending to the list being walked is the worklist idiom (`for state in states: states.append(...)`), meant to visit the new items too. */
const PYTHON_CHANGES = /^(?:remove|pop|discard|popitem)$/;
const ENDS_LOOP = new Set(['break_statement', 'return_statement', 'throw_statement', 'raise_statement']);
const FUNCTIONS = new Set(['lambda_expression', 'method_declaration', 'class_body', 'lambda', 'function_definition']);

/** Whether the statement holding `node` ends the loop right after it (`list.remove(x); break;`), or is itself a return. */
function endsLoopAfter(node: Node, body: Node): boolean {
  let statement = node;
  while (statement.parent && statement.parent.id !== body.id && !/block$/.test(statement.parent.type)) statement = statement.parent;
  if (ENDS_LOOP.has(statement.type)) return true;
  const next = statementAfter(statement);
  return next !== null && ENDS_LOOP.has(next.type);
}

/** The calls inside `body` that change `collection` (a method of `changes` called on it) without ending the loop. */
function changesIn(index: SyntaxIndex, callType: string, body: Node, collection: string, receiver: (call: Node) => string | undefined, method: (call: Node) => string | undefined, changes: RegExp): Node[] {
  return index.of(callType, body).filter((call) => receiver(call) === collection && changes.test(method(call) ?? '') && !inFunctionWithin(call, body, FUNCTIONS) && !endsLoopAfter(call, body));
}

// Names as written: `this.configFiles` (a field) and `configFiles` (a local beside it) are two collections.
const javaReceiver = (call: Node) => call.childForFieldName('object')?.text;
const javaMethod = (call: Node) => call.childForFieldName('name')?.text;

const javaChangedWhileIterating: SyntaxRule = {
  id: 'java/collection-changed-while-iterating',
  languages: ['java'],
  ...TEACHING,
  question: 'After this removes an element, what does the loop do when it asks the collection for the next one?',
  docsUrl: 'https://docs.oracle.com/javase/8/docs/api/java/util/ConcurrentModificationException.html',
  fix: 'Remove through the iterator (`Iterator<Account> it = accounts.iterator(); ... it.remove();`), use `accounts.removeIf(account -> account.getId() == id)`, or `break` right after the change when only one element goes',
  types: ['enhanced_for_statement', 'while_statement', 'method_invocation', 'variable_declarator'],
  mentions: /\.(?:remove|add|clear|put)\w*\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    const loops: Array<{ collection: string; body: Node }> = [];
    for (const loop of index.of('enhanced_for_statement')) {
      const collection = loop.childForFieldName('value')?.text;
      const body = loop.childForFieldName('body');
      if (collection && body && /^[\w.]+$/.test(collection)) loops.push({ collection, body });
    }
    // `Iterator<T> it = items.iterator(); while (it.hasNext()) { ... items.remove(x); }`
    const iterators = new Map<string, string>();
    for (const declarator of index.of('variable_declarator')) {
      const value = declarator.childForFieldName('value');
      const name = declarator.childForFieldName('name')?.text;
      if (name && value?.type === 'method_invocation' && value.childForFieldName('name')?.text === 'iterator') iterators.set(name, javaReceiver(value) ?? '');
    }
    for (const loop of index.of('while_statement')) {
      const iterator = /^\(\s*(\w+)\.hasNext\(\)\s*\)$/.exec(loop.childForFieldName('condition')?.text ?? '')?.[1];
      const collection = iterator ? iterators.get(iterator) : undefined;
      const body = loop.childForFieldName('body');
      if (collection && body) loops.push({ collection, body });
    }
    for (const { collection, body } of loops.sort((a, b) => a.body.startIndex - b.body.startIndex)) {
      const [change] = changesIn(index, 'method_invocation', body, collection, javaReceiver, javaMethod, JAVA_CHANGES);
      if (change) hits.push({ node: change, message: `\`${collection}\` is changed here while a loop walks it: the loop's next step throws ConcurrentModificationException.` });
    }
    return hits;
  },
};

const pythonReceiver = (call: Node) => {
  const callee = call.childForFieldName('function');
  return callee?.type === 'attribute' ? callee.childForFieldName('object')?.text : undefined;
};
const pythonMethod = (call: Node) => call.childForFieldName('function')?.childForFieldName('attribute')?.text;

const pythonChangedWhileIterating: SyntaxRule = {
  id: 'python/collection-changed-while-iterating',
  languages: ['python'],
  ...TEACHING,
  failure: 'hidden',
  question: 'After this removes an item, which item does the loop look at next, and which one does it skip?',
  docsUrl: 'https://docs.python.org/3/tutorial/controlflow.html#for-statements',
  fix: 'Loop over a copy (`for item in list(cart):`), or build the new collection instead (`cart = [item for item in cart if item.id != id]`, `{k: v for k, v in d.items() if ...}`)',
  types: ['for_statement', 'call', 'delete_statement'],
  mentions: /\bfor\b/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const loop of index.of('for_statement')) {
      const collection = loop.childForFieldName('right')?.text;
      const body = loop.childForFieldName('body');
      if (!collection || !body || !/^[\w.]+$/.test(collection) || collection === 'self') continue;
      const [change] = [
        ...changesIn(index, 'call', body, collection, pythonReceiver, pythonMethod, PYTHON_CHANGES),
        ...index.of('delete_statement', body).filter((statement) => code(statement.namedChildren).some((target) => target.type === 'subscript' && target.childForFieldName('value')?.text === collection) && !endsLoopAfter(statement, body)),
      ].sort((a, b) => a.startIndex - b.startIndex);
      if (change) hits.push({ node: change, message: `\`${collection}\` is changed here while the loop walks it: a list skips the item after each one removed, a dict or set stops with RuntimeError.` });
    }
    return hits;
  },
};

export const CHANGED_WHILE_ITERATING_RULES: readonly SyntaxRule[] = [javaChangedWhileIterating, pythonChangedWhileIterating];
