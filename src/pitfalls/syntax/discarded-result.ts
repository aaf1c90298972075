import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { calleeText, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A new value computed and thrown away: `answer.toLowerCase();`, `name.strip()`,
 * `strings.TrimSpace(line)` written as statements of their own. Strings never change in these
 * languages: the call returns a changed copy, and the line drops it, so the code after it works on
 * the text as it was. A junior writes it believing the string is changed in place; the bug shows
 * on the first input with a capital letter or a stray space. Found only for methods that exist to
 * return a new string (and Python's `sorted`), never for names a mutating method shares: a
 * `replace` counts only with two arguments, the first a literal (not a map's `replace(key, value)`,
 * a router's `replace(path)`), and a method called on `self` or `this` is the class's own.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'new value thrown away',
  question: 'Does this call change the string, or hand back a new one, and where does that new one go?',
  fix: 'Keep what the call returns: assign it (`answer = answer.toLowerCase();`, `name = name.strip()`) or use it where it is needed',
} as const;

/** A method called on the object itself is that class's own (a document builder's `self.rstrip()`). */
const OWN_METHOD = /^(?:self|this|cls)\./;

/** Whether the file declares `name` with a type other than String: `HashMap<String, String> words`, `Map<...> m`. */
function declaredOtherThanString(name: string, text: string): boolean {
  const declared = new RegExp(`\\b([A-Z]\\w*)(?:<[^;=()]*>)?\\s+${name}\\s*[=;,)]`).exec(text);
  return declared !== null && declared[1] !== 'String';
}

/**
 * `text.replace("a", "b")`: two arguments, the first a literal, so text is replaced (not a map's
 * `replace(key, value)`, a tree's `replace(old, new)`, nor a Java receiver declared as a map).
 */
function replacesText(call: Node, callee: string, args: Node[], literals: ReadonlySet<string>, text: string): boolean {
  if (!/\.replace(?:All)?$/.test(callee) || args.length !== 2 || !literals.has(args[0]?.type ?? '')) return false;
  const receiver = call.childForFieldName('object')?.text;
  return !(call.type === 'method_invocation' && receiver && /^\w+$/.test(receiver) && declaredOtherThanString(receiver, text));
}

interface DiscardGrammar {
  id: string;
  /** Where the language says its strings do not change. */
  docsUrl: string;
  languages: readonly ParsedLanguage[];
  /** The call a statement consists of, if it is one. */
  call: string;
  /** The string literal types: a `replace` whose first argument is one replaces text. */
  literals: ReadonlySet<string>;
  /** The method or function names whose only purpose is their result, by their arguments when they decide. */
  returnsNew(callee: string, args: Node[]): boolean;
}

/** `concat` is left out: other classes' `concat` (a byte array's, a list's) may change what they are called on. */
const JAVA_NEW_STRING = /\.(?:toLowerCase|toUpperCase|trim|strip|stripLeading|stripTrailing|substring|repeat|replaceAll|replaceFirst)$/;
/** Python's string methods that take no argument (tkinter's `window.title("...")` sets a title). */
const PYTHON_NEW_STRING = /\.(?:lower|upper|title|capitalize|casefold|swapcase)$/;
const PYTHON_NEW_STRING_WITH_ARGUMENTS = /\.(?:strip|lstrip|rstrip|zfill|removeprefix|removesuffix)$/;
const JS_NEW_STRING = /\.(?:toLowerCase|toUpperCase|toLocaleLowerCase|toLocaleUpperCase|trim|trimStart|trimEnd|padStart|padEnd|concat|substring|toFixed)$/;
const GO_NEW_STRING = /^(?:strings\.(?:ToLower|ToUpper|ToTitle|Title|TrimSpace|Trim|TrimLeft|TrimRight|TrimPrefix|TrimSuffix|Replace|ReplaceAll|Repeat)|fmt\.Sprintf?|fmt\.Sprintln)$/;

function discardedResults(grammar: DiscardGrammar): SyntaxRule {
  return {
    id: grammar.id,
    languages: grammar.languages,
    ...TEACHING,
    docsUrl: grammar.docsUrl,
    types: ['expression_statement'],
    find(index, file) {
      const hits: SyntaxHit[] = [];
      for (const statement of index.of('expression_statement')) {
        const call = statement.namedChildren[0];
        if (statement.namedChildCount !== 1 || call?.type !== grammar.call) continue;
        const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null && arg.type !== 'comment');
        const callee = calleeText(call);
        if (OWN_METHOD.test(callee) || !(grammar.returnsNew(callee, args) || replacesText(call, callee, args, grammar.literals, file.text))) continue;
        hits.push({ node: statement, message: `\`${call.text.slice(0, 60)}\` returns a new value, and this line throws it away: nothing is changed.` });
      }
      return hits;
    },
  };
}

export const DISCARDED_RESULT_RULES: readonly SyntaxRule[] = [
  discardedResults({
    id: 'java/discarded-result',
    languages: ['java'],
    docsUrl: 'https://errorprone.info/bugpattern/ReturnValueIgnored',
    call: 'method_invocation',
    literals: new Set(['string_literal', 'character_literal']),
    returnsNew: (callee) => JAVA_NEW_STRING.test(callee),
  }),
  discardedResults({
    id: 'python/discarded-result',
    languages: ['python'],
    docsUrl: 'https://docs.python.org/3/library/stdtypes.html#string-methods',
    call: 'call',
    literals: new Set(['string']),
    returnsNew: (callee, args) => (PYTHON_NEW_STRING.test(callee) && args.length === 0) || PYTHON_NEW_STRING_WITH_ARGUMENTS.test(callee) || callee === 'sorted',
  }),
  discardedResults({
    id: 'js/discarded-result',
    languages: ECMASCRIPT,
    docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/String#description',
    call: 'call_expression',
    literals: new Set(['string', 'template_string', 'regex']),
    returnsNew: (callee) => JS_NEW_STRING.test(callee),
  }),
  discardedResults({
    id: 'go/discarded-result',
    languages: ['go'],
    docsUrl: 'https://pkg.go.dev/strings',
    call: 'call_expression',
    literals: new Set(),
    returnsNew: (callee) => GO_NEW_STRING.test(callee),
  }),
];
