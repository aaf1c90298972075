import type { Node } from 'web-tree-sitter';
import { calleeText, firstUseAfter, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * The Python pitfalls Ruff does not see, from the parse. Ruff runs on every Python file; these
 * only add what its rules leave out.
 */

/** `re.search(...)`, `pattern.match(...)`, `EMAIL_RE.fullmatch(...)`: calls that return None when nothing matches. */
const MATCH_CALL = /^(?:re|regex|[\w.]*(?:pattern|regexp?|_re|_rx)|[\w.]*[A-Z_]*(?:PATTERN|REGEXP?|_RE|_RX))\.(?:search|match|fullmatch)$/i;

function isMatchCall(node: Node | null | undefined): boolean {
  return node?.type === 'call' && MATCH_CALL.test(calleeText(node));
}

/** `m.group(1)`: an attribute read on `node` itself. */
function readsAttributeOf(use: Node | null, node: Node): boolean {
  return use?.type === 'attribute' && use.childForFieldName('object')?.id === node.id;
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
      if (firstUse && readsAttributeOf(firstUse.parent, firstUse) && !guardedInPlace(firstUse.parent as Node, name.text)) {
        hits.push({ node: firstUse.parent as Node, message: `\`${name.text}\` is None when the text does not match, and \`${(firstUse.parent as Node).text.slice(0, 60)}\` reads it unchecked.` });
      }
    }
    return hits;
  },
};

export const PYTHON_RULES: readonly SyntaxRule[] = [uncheckedMatch];
