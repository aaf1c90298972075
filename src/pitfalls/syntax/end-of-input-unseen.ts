import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * An endless read loop that never looks for the end of the input:
 *
 *   while (true) {                                   while True:
 *       String msg = in.readLine();                      data = conn.recv(1024)
 *       chat.appendText(msg + "\n");                     broadcast(data)
 *   }
 *
 * When the other side closes the connection, `readLine()` returns null and `recv()` returns b''
 * at once, every time: the loop spins at full speed for ever, printing "null" or sending empty
 * messages, and the thread never ends. Found where a loop whose condition is always true reads a
 * line or a socket into a name, and nothing in the loop tests that name for the end (`== null`,
 * `if not data`, `len(data) == 0`). An accept loop, which blocks for the next client on each pass,
 * is left alone.
 */

interface ReadGrammar {
  languages: readonly ParsedLanguage[];
  loops: readonly string[];
  /** Whether the loop's condition is always true (`while (true)`, `for (;;)`, `while True:`). */
  endless(loop: Node): boolean;
  /** Where a read's result is named: the declaration or assignment node types, and their name and value fields. */
  bindings: readonly { type: string; name: string; value: string }[];
  /** A call that reads until the input ends and then returns an empty value, as written. */
  read: RegExp;
  /** A test of `name` for the end of input. */
  endTest(name: string): RegExp;
  calls: string;
  docsUrl: string;
  fix: string;
}

function endOfInputUnseenRule(id: string, grammar: ReadGrammar): SyntaxRule {
  return {
    id,
    languages: grammar.languages,
    concern: 'correctness',
    // Whenever the other side goes away, and a chat's other side always does in the end.
    failure: 'hidden',
    title: 'read loop that never sees the input end',
    question: 'When the other side closes the connection, what does this read return, and what does the loop do next, and next?',
    docsUrl: grammar.docsUrl,
    fix: grammar.fix,
    types: [...grammar.loops, ...grammar.bindings.map((binding) => binding.type)],
    mentions: grammar.read,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const loop of grammar.loops.flatMap((type) => index.of(type))) {
        // An accept loop waits for the next connection on each pass: a read there gets one answer per client.
        if (!grammar.endless(loop) || /\.accept\s*\(/.test(loop.text)) continue;
        for (const binding of grammar.bindings) {
          for (const node of index.of(binding.type, loop)) {
            const name = node.childForFieldName(binding.name);
            const value = node.childForFieldName(binding.value);
            if (name?.type !== 'identifier' || value?.type !== grammar.calls || !grammar.read.test(value.text)) continue;
            if (grammar.endTest(name.text).test(loop.text)) continue;
            hits.push({ node, message: `\`${name.text}\` is never tested for the end of the input: once the other side closes, this read returns at once, every time, and the loop never stops.` });
          }
        }
      }
      return hits;
    },
  };
}

export const END_OF_INPUT_UNSEEN_RULES: readonly SyntaxRule[] = [
  endOfInputUnseenRule('java/end-of-input-unseen', {
    languages: ['java'],
    loops: ['while_statement', 'for_statement'],
    endless: (loop) => (loop.type === 'while_statement' ? /^\(\s*true\s*\)$/.test(loop.childForFieldName('condition')?.text ?? '') : !loop.childForFieldName('condition')),
    bindings: [
      { type: 'variable_declarator', name: 'name', value: 'value' },
      { type: 'assignment_expression', name: 'left', value: 'right' },
    ],
    read: /\.readLine\s*\(\s*\)/,
    endTest: (name) => new RegExp(`\\b${name}\\s*[!=]=\\s*null\\b|\\bnull\\s*[!=]=\\s*${name}\\b|Objects\\.(?:isNull|nonNull)\\(\\s*${name}\\s*\\)`),
    calls: 'method_invocation',
    docsUrl: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/io/BufferedReader.html#readLine()',
    fix: 'Read in the loop\'s condition, so the loop ends with the input: `String line; while ((line = in.readLine()) != null) { ... }`, and make the reader once, before the loop',
  }),
  endOfInputUnseenRule('python/end-of-input-unseen', {
    languages: ['python'],
    loops: ['while_statement'],
    endless: (loop) => /^(?:True|1)$/.test(loop.childForFieldName('condition')?.text ?? ''),
    bindings: [{ type: 'assignment', name: 'left', value: 'right' }],
    // A socket's `conn.recv(1024)` and `conn.recv(1024).decode()`; not multiprocessing's `conn.recv()`, which raises EOFError.
    read: /\.recv\s*\(\s*[^)\s]/,
    // pyOpenSSL's `recv` raises ZeroReturnError at the end instead: a loop catching it sees the end.
    endTest: (name) => new RegExp(`ZeroReturnError|EOFError|\\bnot\\s+${name}\\b|\\b${name}\\s*[!=]=\\s*b?["']{2}|\\blen\\(\\s*${name}\\s*\\)|\\bif\\s+${name}\\s*:`),
    calls: 'call',
    docsUrl: 'https://docs.python.org/3/library/socket.html#socket.socket.recv',
    fix: 'Stop when `recv` returns nothing: `data = conn.recv(1024)` then `if not data: break` (the other side has closed), and close the connection after the loop',
  }),
];
