import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { localValue, type StringGrammar } from './built-string.js';
import { ECMASCRIPT, JS_STRINGS } from './ecmascript-grammar.js';
import { GO_STRINGS } from './go.js';
import { JAVA_STRINGS } from './java.js';
import { JAVA_LOG_CALL, JS_LOG_CALL, PYTHON_LOG_CALL } from './log-calls.js';
import { PYTHON_NAMES } from './python-grammar.js';
import { calleeText, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * A password, secret or token written to a log: logs are kept, shipped and read by many more people
 * than the credential was meant for. Found where a log or print call is given a value whose name
 * ends like a credential (`password`, `clientSecret`, `apiKey`, `accessToken`), as such; a value
 * passed through a call first (`mask(apiKey)`, `len(password)`) or only a property of it
 * (`password.length`) is left alone, and so is a bare `token`, which parsers log all the time.
 * A name declared in the file from where credentials come is one too, whatever it is called: the
 * request's Authorization header (`tokenString := c.GetHeader("Authorization")`), an environment
 * variable named like a key (`process.env.API_TOKEN`), a URL carrying one (`?access_key=${...}`).
 */

const TEACHING = {
  concern: 'security',
  title: 'credential written to a log',
  question: 'Who can read these logs, and for how long are they kept?',
  docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude',
  fix: 'Leave the credential out of the message: log who or what it belongs to (a user id, the key\'s last four characters) instead',
} as const;

const CREDENTIAL = /(?:password|passwd|secret|api_?key|private_?key|access_?token|auth_?token|refresh_?token|bearer_?token|credentials?)s?$/i;
/** What a value read from a credential's source says about itself: the Authorization header, a key's environment variable, a key in a URL. */
const CREDENTIAL_SOURCE = /["']authorization["']|\.authorization\b|\b(?:process\.env|os\.environ|os\.getenv|os\.Getenv|System\.getenv)\W+["']?\w*(?:KEY|TOKEN|SECRET|PASSW|PWD|CREDENTIAL)|[?&](?:access_?key|api_?key|apikey|access_?token|auth_?token|token|password|secret|client_secret)=/i;

interface LogGrammar {
  languages: readonly ParsedLanguage[];
  calls: string;
  /** Log and print calls, by their callee as written. */
  logs: RegExp;
  /** Names in an expression: a variable, or the last name of a member access. */
  names: readonly string[];
  /** Member and index accesses, with the field holding what is accessed (`password` in `password.length`, `credentials` in `credentials['expiry']`). */
  members: Record<string, string>;
  /** How the language declares a name with a value, to see where a logged name came from. */
  strings: StringGrammar;
}

const JS: LogGrammar = {
  languages: ECMASCRIPT,
  calls: 'call_expression',
  logs: JS_LOG_CALL,
  names: ['identifier', 'property_identifier', 'shorthand_property_identifier'],
  members: { member_expression: 'object', subscript_expression: 'object' },
  strings: JS_STRINGS,
};

const PYTHON: LogGrammar = {
  languages: ['python'],
  calls: 'call',
  logs: PYTHON_LOG_CALL,
  names: ['identifier'],
  members: { attribute: 'object', subscript: 'value' },
  strings: PYTHON_NAMES,
};

const GO: LogGrammar = {
  languages: ['go'],
  calls: 'call_expression',
  logs: /^(?:log\.(?:Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf)|fmt\.(?:Print|Printf|Println)|slog\.(?:Debug|Info|Warn|Error)|(?:\w+\.)?(?:logger|log)\.(?:Debug|Info|Warn|Error|Printf|Print|Println)f?)$/,
  names: ['identifier', 'field_identifier'],
  members: { selector_expression: 'operand', index_expression: 'operand' },
  strings: GO_STRINGS,
};

const JAVA: LogGrammar = {
  languages: ['java'],
  calls: 'method_invocation',
  logs: JAVA_LOG_CALL,
  names: ['identifier'],
  members: { field_access: 'object', array_access: 'array' },
  strings: JAVA_STRINGS,
};

/** The first credential a log call's arguments hold as such: named like one, or declared from where one comes (`source`, what it was read from). */
function credentialIn(args: Node, index: SyntaxIndex, grammar: LogGrammar): { name: Node; source?: string } | undefined {
  // Read from the arguments alone: materialising every name of the file would cost more than the rest.
  for (const name of args.descendantsOfType([...grammar.names])) {
    if (name === null || passedThroughCall(name, args, grammar) || isAccessedObject(name, grammar)) continue;
    if (CREDENTIAL.test(name.text)) return { name };
    const source = name.type === 'identifier' ? CREDENTIAL_SOURCE.exec(localValue(name, index, grammar.strings)?.text ?? '')?.[0] : undefined;
    if (source) return { name, source };
  }
  return undefined;
}

/** `mask(apiKey)`: what reaches the log is the call's result. */
function passedThroughCall(node: Node, args: Node, grammar: LogGrammar): boolean {
  for (let at = node.parent; at && at.id !== args.id; at = at.parent) if (at.type === grammar.calls) return true;
  return false;
}

/** `password.length`, `config.password.length`: the password is what is accessed, not what is logged. */
function isAccessedObject(node: Node, grammar: LogGrammar): boolean {
  const objectOf = (member: Node | null): Node | null => {
    const field = member ? grammar.members[member.type] : undefined;
    return member && field ? member.childForFieldName(field) : null;
  };
  // The value a name stands for: `config.password` for the `password` of it.
  const value = node.parent && grammar.members[node.parent.type] && objectOf(node.parent)?.id !== node.id ? node.parent : node;
  return objectOf(value.parent)?.id === value.id;
}

function loggedSecret(id: string, grammar: LogGrammar): SyntaxRule {
  return {
    id,
    languages: grammar.languages,
    ...TEACHING,
    types: [grammar.calls, ...grammar.strings.declarations],
    mentions: /passw|secret|api_?key|private_?key|token|credential|authorization|access_?key/i,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const call of index.of(grammar.calls)) {
        const args = call.childForFieldName('arguments');
        if (!args || !grammar.logs.test(calleeText(call))) continue;
        const found = credentialIn(args, index, grammar);
        if (found) hits.push({ node: call, message: found.source === undefined ? `\`${found.name.text}\` goes into the log here, as it is.` : `\`${found.name.text}\` holds a credential (it is read from \`${found.source}\`) and goes into the log here, as it is.` });
      }
      return hits;
    },
  };
}

export const LOGGED_SECRET_RULES: readonly SyntaxRule[] = [
  loggedSecret('js/credential-logged', JS),
  loggedSecret('python/credential-logged', PYTHON),
  loggedSecret('go/credential-logged', GO),
  loggedSecret('java/credential-logged', JAVA),
];
