import type { Node } from 'web-tree-sitter';
import { isPlaceholder } from '../../redact/placeholder.js';
import { literalText, localValue, type StringGrammar } from './built-string.js';
import { ECMASCRIPT, JS_STRINGS } from './ecmascript-grammar.js';
import { GO_STRINGS } from './go.js';
import { JAVA_STRINGS } from './java.js';
import { PYTHON_NAMES } from './python-grammar.js';
import { calleeText, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';
import type { ParsedLanguage } from '../../index/language.js';
import type { Failure } from '../../importance/concern.js';

/*
 * The key that signs a program's tokens or sessions, or the password it logs in with, written in
 * the code: everyone who can read the repository (every clone, its history, the CI logs) holds it,
 * and a guessable one ("secret", "keyboard cat") is found without reading anything. The secret
 * scanner looks for credentials that look random; this looks at *where* a string goes, so
 * `jwt.sign(user, "mysecretkey")` is found however weak the key. Also found through a name declared
 * in the file, and as a fallback (`process.env.JWT_SECRET || "dev"`, `os.getenv("KEY", "dev")`),
 * which is the key whenever the variable is unset. A value read from the environment or a file is
 * left alone.
 */

export const HARDCODED_TEACHING = {
  concern: 'security',
  title: 'signing key or password written in the code',
  question: 'Who can read this repository, and what could they sign or open with what is written on this line?',
  docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
  fix: 'Read it from the environment or a secret store when the program starts (`process.env.JWT_SECRET`, `os.environ["SECRET_KEY"]`, `os.Getenv`, `System.getenv`), stop with a clear error when it is missing, and rotate the one that was committed: it stays in git history',
} as const;

const SIGNS = 'The key that signs tokens or sessions is written here: anyone who reads the repository can sign their own.';
/** A key that signs: whoever reads it forges tokens and sessions now. */
const SIGNING = { message: SIGNS, failure: 'certain' } as const;
const LOGS_IN = 'The password this logs in with is written here, in every clone and in git history.';

/** A call that is given a credential: its callee as written, and which argument holds it. */
interface Sink {
  callee: RegExp;
  /** The argument's position, or the property of an object argument (`session({ secret })`). */
  argument: number | { property: RegExp };
  message: string;
  /** `certain` when anyone can use what is written now: a key that signs tokens, a live account's password (src/importance). */
  failure?: Failure;
  /**
   * A password for someone else's server is only a leak when it is real: `server.login('email',
   * 'password')` is a template left to fill in. A key this code signs with is the key, however
   * plain (`jwt.sign(user, 'secret')` lets anyone sign).
   */
  placeholdersAreTemplates?: true;
}

interface KeyGrammar {
  id: string;
  languages: readonly ParsedLanguage[];
  calls: readonly string[];
  /** Words a file must hold for the rule to look at it. */
  mentions: RegExp;
  sinks: readonly Sink[];
  strings: StringGrammar;
  /** The string a value is when it is written in the code: a literal, `[]byte("...")`, `"...".getBytes()`, the fallback of `env || "..."`. */
  writtenString(node: Node): Node | undefined;
  /** Declarations whose name says they hold a signing key: `var jwtKey = []byte("...")`, `app.secret_key = "..."`. */
  namedKeys?: { types: readonly string[]; name: RegExp; declared(node: Node): { name: Node; value: Node } | undefined };
}

/** How far a name is followed to the value it was declared with. */
const MAX_HOPS = 2;

function keyWrittenIn(value: Node, index: SyntaxIndex, grammar: KeyGrammar, hops = 0): Node | undefined {
  const written = grammar.writtenString(value);
  if (written) return literalText(written).trim() === '' ? undefined : written;
  const named = hops < MAX_HOPS ? localValue(value, index, grammar.strings) : undefined;
  return named ? keyWrittenIn(named, index, grammar, hops + 1) : undefined;
}

function argumentOf(call: Node, sink: Sink): Node | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null && arg.type !== 'comment') ?? [];
  if (typeof sink.argument === 'number') {
    const arg = args[sink.argument];
    // Python's `jwt.encode(payload, key=...)`: a keyword argument is its value.
    return arg?.type === 'keyword_argument' ? (arg.childForFieldName('value') ?? undefined) : arg;
  }
  const { property } = sink.argument;
  for (const arg of args) {
    if (arg.type !== 'object') continue;
    for (const pair of arg.namedChildren) {
      if (pair?.type === 'pair' && property.test(pair.childForFieldName('key')?.text ?? '')) return pair.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

function hardcodedKey(grammar: KeyGrammar): SyntaxRule {
  return {
    id: grammar.id,
    languages: grammar.languages,
    ...HARDCODED_TEACHING,
    types: [...grammar.calls, ...grammar.strings.declarations, ...(grammar.namedKeys?.types ?? [])],
    mentions: grammar.mentions,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const call of grammar.calls.flatMap((type) => index.of(type))) {
        const callee = calleeText(call);
        for (const sink of grammar.sinks) {
          if (!sink.callee.test(callee)) continue;
          const value = argumentOf(call, sink);
          const found = value && keyWrittenIn(value, index, grammar);
          const written = found && !(sink.placeholdersAreTemplates && isPlaceholder(literalText(found))) ? found : undefined;
          // Reported where it is written (`var secretKey = []byte("...")` above the function that signs), where the fix goes; once however many calls use it.
          const at = written && (written.startIndex >= call.startIndex && written.endIndex <= call.endIndex ? call : written);
          if (at && !hits.some((hit) => hit.node.id === at.id)) hits.push({ node: at, message: sink.message, ...(sink.failure ? { failure: sink.failure } : {}) });
          break;
        }
      }
      const named = grammar.namedKeys;
      if (named) {
        for (const declaration of named.types.flatMap((type) => index.of(type))) {
          const declared = named.declared(declaration);
          // The value as written, not followed through other names: the name is what says it is a key.
          // Once per key: a call that uses it may have found its literal on this line already.
          const seen = hits.some((hit) => hit.node.startPosition.row === declaration.startPosition.row);
          if (declared && !seen && named.name.test(declared.name.text) && keyWrittenIn(declared.value, index, grammar, MAX_HOPS)) hits.push({ node: declaration, ...SIGNING });
        }
      }
      return hits.sort((a, b) => a.node.startIndex - b.node.startIndex);
    },
  };
}

/** A literal with no substitution in it: `'a'`, `` `a` ``. */
function jsWritten(node: Node): Node | undefined {
  if (node.type === 'string') return node;
  if (node.type === 'template_string' && !node.namedChildren.some((child) => child?.type === 'template_substitution')) return node;
  if (node.type === 'parenthesized_expression') return node.namedChildren[0] ? jsWritten(node.namedChildren[0]) : undefined;
  // `process.env.JWT_SECRET || 'dev'`: the fallback is the key whenever the variable is unset.
  if (node.type === 'binary_expression' && /^(?:\|\||\?\?)$/.test(node.childForFieldName('operator')?.text ?? '')) {
    const right = node.childForFieldName('right');
    return right ? jsWritten(right) : undefined;
  }
  return undefined;
}

function pythonWritten(node: Node): Node | undefined {
  if (node.type === 'string') return node.namedChildren.some((child) => child?.type === 'interpolation') ? undefined : node;
  if (node.type === 'boolean_operator' && node.childForFieldName('operator')?.text === 'or') {
    const right = node.childForFieldName('right');
    return right ? pythonWritten(right) : undefined;
  }
  // `os.getenv("SECRET_KEY", "dev")`, `os.environ.get("SECRET_KEY", "dev")`: the default is the key when it is unset.
  if (node.type === 'call' && /^os\.(?:getenv|environ\.get)$/.test(calleeText(node))) {
    const fallback = node.childForFieldName('arguments')?.namedChildren[1];
    return fallback ? pythonWritten(fallback) : undefined;
  }
  return undefined;
}

function goWritten(node: Node): Node | undefined {
  if (GO_STRINGS.literals.has(node.type)) return node;
  // `[]byte("secret")`
  if (node.type === 'type_conversion_expression') {
    const operand = node.childForFieldName('operand');
    return operand && GO_STRINGS.literals.has(operand.type) ? operand : undefined;
  }
  return undefined;
}

function javaWritten(node: Node): Node | undefined {
  if (node.type === 'string_literal') return node;
  // `"secret".getBytes(StandardCharsets.UTF_8)`
  if (node.type === 'method_invocation' && node.childForFieldName('name')?.text === 'getBytes') {
    const object = node.childForFieldName('object');
    return object?.type === 'string_literal' ? object : undefined;
  }
  return undefined;
}

export const HARDCODED_KEY_RULES: readonly SyntaxRule[] = [
  hardcodedKey({
    id: 'js/hardcoded-signing-key',
    languages: ECMASCRIPT,
    calls: ['call_expression'],
    mentions: /\b(?:jwt|jsonwebtoken|JWT|jsonWebToken|session|expressSession|cookieSession|expressjwt|expressJwt|cookieParser)\b/,
    strings: JS_STRINGS,
    writtenString: jsWritten,
    sinks: [
      { callee: /^(?:jwt|jsonwebtoken|JWT|jsonWebToken)\.(?:sign|verify)$/, argument: 1, ...SIGNING },
      // express-session, cookie-session, express-jwt: `session({ secret: 'keyboard cat' })`.
      { callee: /^(?:session|expressSession|cookieSession|expressjwt|expressJwt|jwt)$/, argument: { property: /^['"]?(?:secret|keys)['"]?$/ }, ...SIGNING },
      { callee: /^cookieParser$/, argument: 0, ...SIGNING },
    ],
  }),
  hardcodedKey({
    id: 'python/hardcoded-signing-key',
    languages: ['python'],
    calls: ['call'],
    mentions: /\bjwt\.|\.login\(|secret_key|SECRET_KEY|JWT_SECRET/,
    strings: PYTHON_NAMES,
    writtenString: pythonWritten,
    sinks: [
      { callee: /^jwt\.(?:encode|decode)$/, argument: 1, ...SIGNING },
      // smtplib, ftplib, imaplib: `server.login(user, "password")`, a live account's password.
      { callee: /\.login$/, argument: 1, message: LOGS_IN, failure: 'certain', placeholdersAreTemplates: true },
    ],
    namedKeys: {
      types: ['assignment'],
      // Flask's and Django's `SECRET_KEY`, `app.secret_key`, `app.config["SECRET_KEY"]`.
      name: /^(?:[\w.]+\.)?(?:secret_key|SECRET_KEY|JWT_SECRET(?:_KEY)?)$|\[\s*['"](?:SECRET_KEY|JWT_SECRET_KEY)['"]\s*\]$/,
      declared(node) {
        const name = node.childForFieldName('left');
        const value = node.childForFieldName('right');
        return name && value ? { name, value } : undefined;
      },
    },
  }),
  hardcodedKey({
    id: 'go/hardcoded-signing-key',
    languages: ['go'],
    calls: ['call_expression'],
    mentions: /SignedString|[Kk]ey\b|[Ss]ecret\b/,
    strings: GO_STRINGS,
    writtenString: goWritten,
    sinks: [{ callee: /\.SignedString$/, argument: 0, ...SIGNING }],
    namedKeys: {
      types: ['var_spec', 'const_spec', 'short_var_declaration'],
      name: /^(?:jwt|hmac|signing|token|session)_?(?:secret|key)$|^(?:jwt|hmac|signing)\w*(?:secret|key)$/i,
      declared(node) {
        const [name, value] = node.type === 'short_var_declaration' ? [node.childForFieldName('left'), node.childForFieldName('right')] : [node.childForFieldName('name'), node.childForFieldName('value')];
        const one = (list: Node | null) => (list?.type === 'expression_list' ? (list.namedChildCount === 1 ? list.namedChildren[0] : null) : list);
        const declaredName = one(name);
        const declaredValue = one(value);
        return declaredName && declaredValue ? { name: declaredName, value: declaredValue } : undefined;
      },
    },
  }),
  hardcodedKey({
    id: 'java/hardcoded-signing-key',
    languages: ['java'],
    calls: ['method_invocation'],
    mentions: /\bsignWith\b|\bHMAC\d{3}\b|\bhmacShaKeyFor\b|\bgetConnection\b/,
    strings: JAVA_STRINGS,
    writtenString: javaWritten,
    sinks: [
      { callee: /(?:^|\.)signWith$/, argument: 1, ...SIGNING },
      { callee: /^(?:Algorithm\.HMAC(?:256|384|512)|Keys\.hmacShaKeyFor)$/, argument: 0, ...SIGNING },
      // Usually a development database's (`root`/`root`): harm that needs access to that database too.
      { callee: /^DriverManager\.getConnection$/, argument: 2, message: LOGS_IN, failure: 'remote', placeholdersAreTemplates: true },
    ],
  }),
];
