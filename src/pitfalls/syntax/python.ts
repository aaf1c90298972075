import type { Node } from 'web-tree-sitter';
import { ancestor, calleeText, firstUseAfter, isReachedInto, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * The Python pitfalls Ruff does not see, from the parse. Ruff runs on every Python file; these
 * only add what its rules leave out.
 */

/** `re.search(...)`, `pattern.match(...)`, `EMAIL_RE.fullmatch(...)`: calls that return None when nothing matches. */
const MATCH_CALL = /^(?:re|regex|[\w.]*(?:pattern|regexp?|_re|_rx)|[\w.]*[A-Z_]*(?:PATTERN|REGEXP?|_RE|_RX))\.(?:search|match|fullmatch)$/i;

function isMatchCall(node: Node | null | undefined): boolean {
  return node?.type === 'call' && MATCH_CALL.test(calleeText(node));
}

/** `m.group(0) if m else None`, `m and m.group(0)`: the read is guarded by the expression around it. */
function guardedInPlace(use: Node, name: string): boolean {
  const mentions = new RegExp(`\\b${name}\\b`);
  for (let at = use.parent; at && at.type !== 'expression_statement' && at.type !== 'return_statement' && at.type !== 'block'; at = at.parent) {
    if (at.type === 'conditional_expression' && mentions.test(at.text.slice(at.text.indexOf(' if ')))) return true;
    if (at.type === 'boolean_operator' && mentions.test(at.childForFieldName('left')?.text ?? '')) return true;
  }
  return false;
}

/**
 * A regular-expression match used as if it always matched: `re.search(...)` returns None when the
 * text does not match, and `.group(1)` on it raises AttributeError on the first input that is not
 * as expected (a changed page, a user's typo). Found on the spot (`re.search(...).group(1)`) and
 * through a name whose first use after it is assigned reads an attribute; an `if m:`, a `m and`
 * or a conditional expression first is a check, and the rule stays quiet.
 */
const uncheckedMatch: SyntaxRule = {
  id: 'python/unchecked-match',
  languages: ['python'],
  concern: 'correctness',
  title: 'regex match used without a check',
  question: 'What does re.search() return when the text does not match, and what does the next line do with it then?',
  docsUrl: 'https://docs.python.org/3/library/re.html#re.search',
  fix: 'Check the match before reading it (`if match is None:` and decide what happens then), or read it as `match.group(1) if match else default`',
  types: ['attribute', 'assignment', 'identifier'],
  mentions: /\.(?:search|match|fullmatch)\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const attribute of index.of('attribute')) {
      const object = attribute.childForFieldName('object');
      if (isMatchCall(object)) hits.push({ node: attribute, message: `\`${attribute.text.slice(0, 60)}\` reads the match on the spot, and re returns None when the text does not match.` });
    }
    for (const assignment of index.of('assignment')) {
      const name = assignment.childForFieldName('left');
      const scope = assignment.parent?.parent;
      if (name?.type !== 'identifier' || !scope || !isMatchCall(assignment.childForFieldName('right'))) continue;
      const firstUse = firstUseAfter(index, name, assignment, scope);
      if (firstUse && isReachedInto(firstUse) && !guardedInPlace(firstUse.parent as Node, name.text)) {
        hits.push({ node: firstUse.parent as Node, message: `\`${name.text}\` is None when the text does not match, and \`${(firstUse.parent as Node).text.slice(0, 60)}\` reads it unchecked.` });
      }
    }
    return hits;
  },
};

/** The names `random.randint` goes by in a file: `randint` and `random.randint`, and `from random import randint as randy`'s alias. */
function randintNames(index: SyntaxIndex): Set<string> {
  const names = new Set(['randint', 'random.randint']);
  for (const statement of index.of('import_from_statement')) {
    if (statement.childForFieldName('module_name')?.text !== 'random') continue;
    for (const name of statement.childrenForFieldName('name')) {
      if (name?.type === 'aliased_import' && name.childForFieldName('name')?.text === 'randint') names.add(name.childForFieldName('alias')?.text ?? 'randint');
    }
  }
  return names;
}

/** `len(x)`'s `x`, as written, when `node` is exactly that call. */
function lengthOf(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'call' || calleeText(node) !== 'len') return undefined;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  return args.length === 1 ? args[0]?.text : undefined;
}

/** Whether `node` is used as an index into `sequence`: `words[randint(...)]`, or through a name, `i = randint(...)` then `words[i]`. */
function indexesInto(call: Node, sequence: string, index: SyntaxIndex): boolean {
  const isIndexOf = (node: Node) => node.parent?.type === 'subscript' && node.parent.childForFieldName('value')?.text === sequence && node.parent.childForFieldName('subscript')?.id === node.id;
  if (isIndexOf(call)) return true;
  const assignment = call.parent?.type === 'assignment' && call.parent.childForFieldName('right')?.id === call.id ? call.parent : undefined;
  const name = assignment?.childForFieldName('left');
  if (name?.type !== 'identifier') return false;
  const scope = ancestor(call, FUNCTION_OR_MODULE) ?? call.tree.rootNode;
  return index.of('identifier', scope).some((use) => use.text === name.text && use.startIndex > call.endIndex && isIndexOf(use));
}

const FUNCTION_OR_MODULE = new Set(['function_definition', 'module']);

/**
 * A random index one past the end: `words[randint(0, len(words))]`. `random.randint` includes both
 * ends (unlike `randrange` and slices), so once in `len(words) + 1` picks it returns `len(words)`
 * and the lookup raises IndexError; `randint(1, len(words))` also never picks the first one.
 */
const randintPastEnd: SyntaxRule = {
  id: 'python/randint-index-past-end',
  languages: ['python'],
  concern: 'correctness',
  title: 'random index one past the end',
  question: 'What is the largest number this can return, and is there an item at that index?',
  docsUrl: 'https://docs.python.org/3/library/random.html#random.randint',
  fix: 'Pick the item itself with `random.choice(words)`, or an index with `random.randrange(len(words))` (which leaves out the end, as `range` does)',
  types: ['call', 'identifier', 'import_from_statement'],
  mentions: /\brandint\b/,
  find(index) {
    const names = randintNames(index);
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call')) {
      if (!names.has(calleeText(call))) continue;
      const [low, high] = call.childForFieldName('arguments')?.namedChildren ?? [];
      const sequence = lengthOf(high);
      if (!sequence || !indexesInto(call, sequence, index)) continue;
      const skipsFirst = low?.text === '1' ? `, and \`${sequence}[0]\` is never picked` : '';
      hits.push({ node: call, message: `randint includes both ends: \`${call.text}\` returns \`len(${sequence})\` one time in \`len(${sequence}) + 1\`, one past the last index, and the lookup raises IndexError${skipsFirst}.` });
    }
    return hits;
  },
};

/** `data = conn.recv(1024)`, `msg = client.recv(1024).decode("ascii")`: what a socket read binds. */
const RECV = /(?:^|\.)recv\(/;

/**
 * A socket read in an endless loop that never asks whether the peer has gone: `while True:
 * message = client.recv(1024).decode()`. When the other side closes, `recv` returns an empty
 * string at once, every time: the loop spins at full CPU handling empty messages (broadcasting
 * them, in a chat server), and the departed client is never cleaned up. Found where the loop has
 * no test of the received value's emptiness (`if not data`, `== b""`, `len(data) == 0`).
 */
const recvEndUnchecked: SyntaxRule = {
  id: 'python/recv-end-unchecked',
  languages: ['python'],
  concern: 'correctness',
  failure: 'hidden',
  title: 'closed connection never noticed',
  question: 'When the other side closes the connection, what does recv() return, and what does this loop do with it, again and again?',
  docsUrl: 'https://docs.python.org/3/library/socket.html#socket.socket.recv',
  fix: 'Stop when the read comes back empty: `data = conn.recv(1024)` then `if not data: break` (and remove the client and close the socket there)',
  types: ['while_statement', 'assignment'],
  mentions: /\.recv\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const loop of index.of('while_statement')) {
      if (!/^(?:True|1)$/.test(loop.childForFieldName('condition')?.text ?? '')) continue;
      const body = loop.childForFieldName('body');
      if (!body) continue;
      for (const assignment of index.of('assignment', body)) {
        const name = assignment.childForFieldName('left');
        const read = assignment.childForFieldName('right')?.text ?? '';
        if (name?.type !== 'identifier' || !RECV.test(read)) continue;
        // `conn, addr = s.accept()` in the loop: each turn reads a new connection once, not one for ever.
        const socket = /([\w.]+)\.recv\(/.exec(read)?.[1] ?? '';
        const fresh = index.of('assignment', body).some((other) => other.startIndex < assignment.startIndex && new RegExp(`(?:^|[\\s,(])${socket.replace(/\./g, '\\.')}(?:$|[\\s,)])`).test(other.childForFieldName('left')?.text ?? ''));
        if (fresh) break;
        const checked = new RegExp(`\\bnot\\s+${name.text}\\b|\\b${name.text}\\s*(?:==|!=|is)\\s*(?:b?''|b?""|None)|\\blen\\(\\s*${name.text}\\s*\\)|\\bif\\s+${name.text}\\s*:|\\bwhile\\s+${name.text}\\b`);
        if (!checked.test(body.text)) hits.push({ node: assignment, message: `\`${name.text}\` is never checked for the empty read that means the other side closed: this loop then runs for ever on empty messages.` });
        break;
      }
    }
    return hits;
  },
};

/** Tkinter's geometry managers: they place a widget and return None. */
const PLACES_WIDGET = /^(?:grid|pack|place)$/;

/**
 * A Tkinter widget kept as what `.grid()` returns: `name = Entry(root).grid(row=1, column=1)`
 * stores None, so `name.get()` in the Save button's callback raises AttributeError on every click
 * and nothing is ever saved. Found where a name is assigned a widget's `.grid(...)`, `.pack(...)`
 * or `.place(...)` and the file reads an attribute of that name.
 */
const widgetIsNone: SyntaxRule = {
  id: 'python/widget-is-none',
  languages: ['python'],
  concern: 'correctness',
  failure: 'certain',
  title: 'widget kept as None',
  question: 'What does .grid() return, and so what does this name hold when the button calls .get() on it?',
  docsUrl: 'https://docs.python.org/3/library/tkinter.html#the-packer',
  fix: 'Make the widget, keep it, then place it: `name = Entry(root, width=40)` and `name.grid(row=1, column=1)` on the next line',
  types: ['assignment', 'attribute'],
  mentions: /\)\s*\.\s*(?:grid|pack|place)\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const assignment of index.of('assignment')) {
      const name = assignment.childForFieldName('left');
      const value = assignment.childForFieldName('right');
      const method = value?.type === 'call' ? value.childForFieldName('function') : null;
      if (name?.type !== 'identifier' || method?.type !== 'attribute' || !PLACES_WIDGET.test(method.childForFieldName('attribute')?.text ?? '') || method.childForFieldName('object')?.type !== 'call') continue;
      const read = index.of('attribute').find((attribute) => attribute.childForFieldName('object')?.text === name.text);
      if (read) hits.push({ node: assignment, message: `\`${name.text}\` holds what \`.${method.childForFieldName('attribute')?.text}()\` returns, None, and line ${read.startPosition.row + 1} reads \`${read.text.slice(0, 40)}\` from it.` });
    }
    return hits;
  },
};

export const PYTHON_RULES: readonly SyntaxRule[] = [uncheckedMatch, randintPastEnd, recvEndUnchecked, widgetIsNone];
