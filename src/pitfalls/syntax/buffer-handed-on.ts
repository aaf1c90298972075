import type { Node } from 'web-tree-sitter';
import { ancestor, calleeText, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A read buffer handed to another goroutine while the loop reads into it again:
 *
 *   buffer := make([]byte, 1024)
 *   for {
 *       n, err := conn.Read(buffer)
 *       ...
 *       pipe <- Payload{Message: buffer[:n]}
 *   }
 *
 * `buffer[:n]` is a view of the same bytes, not a copy: the next `Read` overwrites them, perhaps
 * before the broadcaster has sent them on, so messages arrive mangled or as someone else's. Found
 * where a loop reads into a buffer made outside it and sends a slice of that buffer on a channel
 * (or to a new goroutine) as it is; `string(buffer[:n])`, `bytes.Clone` and `append` copy it.
 */

const READS = /(?:^|\.)(?:Read|ReadFull|ReadAtLeast)$/;
const COPIES = /^(?:string|append|copy|bytes\.Clone|slices\.Clone)$/;
const LOOP = new Set(['for_statement']);

/** The buffer a slice is of (`buffer` in `buffer[:n]`), unless a call around it copies the bytes. */
function slicedBuffer(slice: Node, stop: Node): string | undefined {
  const operand = slice.childForFieldName('operand');
  if (operand?.type !== 'identifier') return undefined;
  for (let at = slice.parent; at && at.id !== stop.id; at = at.parent) {
    if (at.type === 'call_expression' && COPIES.test(calleeText(at))) return undefined;
  }
  return operand.text;
}

/** Whether the loop reads into `name` (`conn.Read(name)`, `io.ReadFull(r, name)`) and `name` was made before it. */
function readsInto(loop: Node, name: string, calls: readonly Node[]): boolean {
  const reads = calls.some((call) => READS.test(calleeText(call)) && (call.childForFieldName('arguments')?.namedChildren ?? []).some((arg) => arg?.text === name));
  return reads && !new RegExp(`\\b${name}\\s*(?::=|=(?!=))`).test(loop.text);
}

export const BUFFER_HANDED_ON_RULES: readonly SyntaxRule[] = [
  {
    id: 'go/buffer-handed-on',
    languages: ['go'],
    concern: 'correctness',
    failure: 'certain',
    title: 'read buffer handed on, then read into again',
    question: 'When the next Read fills this buffer, what happens to the bytes the other goroutine has not sent yet?',
    docsUrl: 'https://go.dev/blog/slices-intro',
    fix: 'Hand on a copy: `msg := make([]byte, n); copy(msg, buffer[:n])` (or `string(buffer[:n])`), so the next Read cannot change what was sent',
    types: ['send_statement', 'go_statement', 'slice_expression', 'call_expression'],
    mentions: /\bRead\w*\s*\(/,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const handOver of [...index.of('send_statement'), ...index.of('go_statement')]) {
        const loop = ancestor(handOver, LOOP);
        if (!loop) continue;
        const buffer = index.of('slice_expression', handOver).map((slice) => slicedBuffer(slice, handOver)).find(Boolean);
        if (buffer && readsInto(loop, buffer, index.of('call_expression', loop))) {
          hits.push({ node: handOver, message: `\`${buffer}\` is read into again on the next pass, and this hands on a slice of it, not a copy: what the other goroutine sends can change under it.` });
        }
      }
      return hits;
    },
  },
];
