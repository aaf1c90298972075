import type { Node } from 'web-tree-sitter';
import { methodCalledOn } from './java.js';
import { firstUseAfter, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * Java's endless read loop that never looks for the end of the input:
 *
 *   while (true) {
 *       String msg = in.readLine();
 *       chat.appendText(msg + "\n");
 *   }
 *
 * When the other side closes the connection, `readLine()` returns null at once, every time: the
 * loop spins at full speed for ever, printing "null", and the thread never ends. Found where a loop
 * whose condition is always true (`while (true)`, `for (;;)`) reads a line into a name and nothing
 * in the loop tests that name against null. An accept loop, which blocks for the next client on
 * each pass, is left alone, and so is a line whose first use calls a method on it
 * (`msg.equals("exit")`): that throws NullPointerException first, and java/unchecked-read-line
 * says so. Python's twin, a socket's `recv` never tested for the empty read, is
 * python/recv-end-unchecked.
 */

const READ_LINE = /\.readLine\s*\(\s*\)$/;
const BINDINGS = [
  { type: 'variable_declarator', name: 'name', value: 'value' },
  { type: 'assignment_expression', name: 'left', value: 'right' },
] as const;

function endless(loop: Node): boolean {
  return loop.type === 'while_statement' ? /^\(\s*true\s*\)$/.test(loop.childForFieldName('condition')?.text ?? '') : !loop.childForFieldName('condition');
}

const endOfInputUnseen: SyntaxRule = {
  id: 'java/end-of-input-unseen',
  languages: ['java'],
  concern: 'correctness',
  // Whenever the other side goes away, and a chat's other side always does in the end.
  failure: 'hidden',
  title: 'read loop that never sees the input end',
  question: 'When the other side closes the connection, what does readLine() return, and what does the loop do next, and next?',
  docsUrl: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/io/BufferedReader.html#readLine()',
  fix: 'Read in the loop\'s condition, so the loop ends with the input: `String line; while ((line = in.readLine()) != null) { ... }`, and make the reader once, before the loop',
  types: ['while_statement', 'for_statement', 'identifier', ...BINDINGS.map((binding) => binding.type)],
  mentions: /\.readLine\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const loop of [...index.of('while_statement'), ...index.of('for_statement')]) {
      // An accept loop waits for the next connection on each pass: a read there gets one line per client.
      if (!endless(loop) || /\.accept\s*\(/.test(loop.text)) continue;
      for (const binding of BINDINGS) {
        for (const node of index.of(binding.type, loop)) {
          const name = node.childForFieldName(binding.name);
          if (name?.type !== 'identifier' || !READ_LINE.test(node.childForFieldName(binding.value)?.text ?? '')) continue;
          const endTest = new RegExp(`\\b${name.text}\\s*[!=]=\\s*null\\b|\\bnull\\s*[!=]=\\s*${name.text}\\b|Objects\\.(?:isNull|nonNull)\\(\\s*${name.text}\\s*\\)`);
          if (endTest.test(loop.text) || methodCalledOn(firstUseAfter(index, name, node, loop))) continue;
          hits.push({ node, message: `\`${name.text}\` is never tested against null: once the other side closes, readLine() returns null at once, every time, and the loop never stops.` });
        }
      }
    }
    return hits;
  },
};

export const END_OF_INPUT_UNSEEN_RULES: readonly SyntaxRule[] = [endOfInputUnseen];
