import type { Node } from 'web-tree-sitter';
import { ancestor, calleeText, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A file rewritten in place without cutting it to the new length:
 *
 *   with open('save.json', 'r+') as f:
 *       json.dump(save, f)
 *
 * `r+` opens at the start and keeps every byte; a save shorter than the last one leaves the old
 * tail behind it, so the JSON no longer parses and the program cannot start again. Found where a
 * `with open(..., 'r+')` block writes the text file over from its start (`json.dump`, `.write`; not
 * at an offset, nor after a read that left the position at the end) and never calls `truncate()`
 * on it. Binary `r+b` is how a header or a checksum is patched in place, and is left alone.
 */

/** Text opened for reading and writing (`r+`). */
const READ_WRITE = /^['"]r\+['"]$/;
const WRITES = /^(?:json\.dump|pickle\.dump|yaml\.dump|csv\.writer)$/;
const LOADS = /^(?:json|pickle|yaml)\.(?:load|safe_load)$/;
const WITH = new Set(['with_statement']);

/** The mode an `open(...)` call is given, positionally or as `mode=`. */
function modeOf(call: Node): string | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null) ?? [];
  const named = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'mode');
  return (named?.childForFieldName('value') ?? args.filter((arg) => arg.type !== 'keyword_argument')[1])?.text;
}

export const REWRITE_WITHOUT_TRUNCATE_RULES: readonly SyntaxRule[] = [
  {
    id: 'python/rewrite-without-truncate',
    languages: ['python'],
    concern: 'correctness',
    title: 'file rewritten without truncate',
    question: 'When the new content is shorter than what the file held, what is left after it?',
    docsUrl: 'https://docs.python.org/3/library/io.html#io.IOBase.truncate',
    fix: 'Open it with `"w"` to replace the content, or after writing in `r+` call `f.truncate()` (after `f.seek(0)` if you read it first)',
    types: ['with_statement'],
    mentions: /['"]r\+['"]/,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const statement of index.of('with_statement')) {
        // This statement's own items: a `with` nested in its body is looked at on its own.
        for (const item of statement.descendantsOfType('as_pattern').filter((pattern) => pattern !== null && ancestor(pattern, WITH)?.id === statement.id)) {
          const call = item?.namedChildren[0];
          const alias = item?.childForFieldName('alias')?.text;
          if (!item || call?.type !== 'call' || calleeText(call) !== 'open' || !READ_WRITE.test(modeOf(call) ?? '') || !alias) continue;
          const body = statement.childForFieldName('body');
          const calls = body?.descendantsOfType('call').filter((inner): inner is Node => inner !== null) ?? [];
          const argsOf = (inner: Node) => inner.childForFieldName('arguments')?.namedChildren.map((arg) => arg?.text) ?? [];
          const firstWrite = calls.find((inner) => {
            const callee = calleeText(inner);
            return callee === `${alias}.write` || callee === `${alias}.writelines` || (WRITES.test(callee) && argsOf(inner).includes(alias));
          });
          const called = (method: string) => calls.filter((inner) => calleeText(inner) === `${alias}.${method}`);
          // A write at an offset (`seek(offset)`: a chunk into its place) or after a read with no `seek(0)` (an append) is another matter.
          const seeks = called('seek').map((inner) => argsOf(inner)[0]);
          const reads = (inner: Node) => [`${alias}.read`, `${alias}.readline`, `${alias}.readlines`].includes(calleeText(inner)) || (LOADS.test(calleeText(inner)) && argsOf(inner).includes(alias));
          const readFirst = calls.some((inner) => inner.startIndex < (firstWrite?.startIndex ?? 0) && reads(inner));
          const rewritesFromStart = seeks.every((offset) => offset === '0') && (!readFirst || seeks.includes('0'));
          if (firstWrite && rewritesFromStart && called('truncate').length === 0) hits.push({ node: statement, message: `\`${alias}\` is opened \`r+\` and written over without \`truncate()\`: a shorter save leaves the old tail behind.` });
        }
      }
      return hits;
    },
  },
];
