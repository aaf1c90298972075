import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { GO_FUNCTIONS } from './go.js';
import { calleeText, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * A token, password, reset code or salt made with a predictable random generator (`Math.random`,
 * Python's `random`, `java.util.Random`, Go's `math/rand`): its next values follow from a few
 * seen ones, so whoever sees one reset link can work out the next. Found where such a call makes
 * a value, or is inside a function, named like a secret; dice, shuffles and jitter are left alone.
 */

const TEACHING = {
  concern: 'security',
  title: 'secret made with a predictable random generator',
  question: 'If someone saw a few of these values, could they work out the next one?',
  docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html#secure-random-number-generation',
  fix: 'Make it with the cryptographic generator: Node `crypto.randomBytes` or `crypto.randomUUID`, Python `secrets.token_urlsafe`, Java `SecureRandom`, Go `crypto/rand`',
} as const;

/** Named like a secret. A bare `token` is not: a MIME boundary or a parser's token is no secret. */
const SECRET_NAME = /(?:access|auth|reset|session|api|refresh|csrf|bearer|invite|verification|login|confirm)_?token|passw|secret|otp|nonce|salt|api_?key|session_?id|reset|verification_?code|invite_?code/i;

interface RandomGrammar {
  languages: readonly ParsedLanguage[];
  calls: readonly string[];
  /** Whether a call draws from the predictable generator. */
  predictable(call: Node): boolean;
  /** Declarations and assignments that name the value they make, by the field holding the name. */
  namers: Record<string, string>;
  /** Functions: the search for a name stops at the first one (after reading its name). */
  functions: ReadonlySet<string>;
  mentions: RegExp;
  /** Whether the file draws from the predictable generator at all (Go: `math/rand` imported, `crypto/rand` not). */
  applies?(index: SyntaxIndex): boolean;
}

/**
 * The name of what the call makes when it is named like a secret: the nearest declaration or
 * assignment around it, else the function it is in (`buf[i] = byte(rand.Intn(256))` in `NewAPIKey`).
 */
function secretName(call: Node, grammar: RandomGrammar): string | undefined {
  for (let at = call.parent; at; at = at.parent) {
    const field = grammar.namers[at.type];
    const name = field ? at.childForFieldName(field)?.text : undefined;
    if (name !== undefined && SECRET_NAME.test(name)) return name;
    if (grammar.functions.has(at.type)) return undefined;
  }
  return undefined;
}

function weakRandom(id: string, grammar: RandomGrammar): SyntaxRule {
  return {
    id,
    languages: grammar.languages,
    ...TEACHING,
    types: [...grammar.calls, 'import_spec'],
    mentions: grammar.mentions,
    find(index) {
      if (grammar.applies && !grammar.applies(index)) return [];
      const hits: SyntaxHit[] = [];
      for (const call of grammar.calls.flatMap((type) => index.of(type))) {
        if (!grammar.predictable(call)) continue;
        const name = secretName(call, grammar);
        if (name) hits.push({ node: call, message: `\`${name}\` comes from a predictable generator: seen a few times, its next values can be worked out.` });
      }
      return hits;
    },
  };
}

const JS: RandomGrammar = {
  languages: ECMASCRIPT,
  calls: ['call_expression'],
  predictable: (call) => calleeText(call) === 'Math.random',
  namers: { variable_declarator: 'name', assignment_expression: 'left', pair: 'key', function_declaration: 'name', method_definition: 'name' },
  functions: new Set(['function_declaration', 'method_definition', 'arrow_function', 'function_expression', 'function']),
  mentions: /\bMath\.random\b/,
};

const PYTHON: RandomGrammar = {
  languages: ['python'],
  calls: ['call'],
  predictable: (call) => /^random\.(?:random|randint|randrange|choice|choices|sample|getrandbits|uniform)$/.test(calleeText(call)),
  namers: { assignment: 'left', function_definition: 'name' },
  functions: new Set(['function_definition', 'lambda']),
  mentions: /\brandom\./,
};

const JAVA: RandomGrammar = {
  languages: ['java'],
  calls: ['object_creation_expression', 'method_invocation'],
  predictable: (call) => calleeText(call) === 'new Random' || calleeText(call) === 'Math.random',
  namers: { variable_declarator: 'name', assignment_expression: 'left', method_declaration: 'name' },
  functions: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
  mentions: /\bnew Random\b|\bMath\.random\b/,
};

const GO: RandomGrammar = {
  languages: ['go'],
  calls: ['call_expression'],
  predictable: (call) => /^rand\.(?:Int|Intn|Int31|Int31n|Int63|Int63n|IntN|Uint32|Uint64|Read|Perm|Float64|N)$/.test(calleeText(call)),
  namers: { short_var_declaration: 'left', assignment_statement: 'left', var_spec: 'name', function_declaration: 'name', method_declaration: 'name' },
  functions: GO_FUNCTIONS,
  mentions: /"math\/rand(?:\/v2)?"/,
  applies: (index) => {
    const paths = index.of('import_spec').map((spec) => spec.childForFieldName('path')?.text ?? '');
    return paths.some((path) => /^"math\/rand(?:\/v2)?"$/.test(path)) && !paths.includes('"crypto/rand"');
  },
};

export const WEAK_RANDOM_RULES: readonly SyntaxRule[] = [
  weakRandom('js/weak-random-secret', JS),
  weakRandom('python/weak-random-secret', PYTHON),
  weakRandom('java/weak-random-secret', JAVA),
  weakRandom('go/weak-random-secret', GO),
];
