import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { localValue, type StringGrammar } from './built-string.js';
import { ECMASCRIPT, JS_STRINGS } from './ecmascript-grammar.js';
import { GO_STRINGS } from './go.js';
import { HARDCODED_TEACHING } from './hardcoded-key.js';
import { JAVA_STRINGS } from './java.js';
import { PYTHON_NAMES } from './python-grammar.js';
import type { SyntaxHit, SyntaxIndex, SyntaxRule } from './rule.js';

/*
 * A password kept as the user typed it, seen where it is checked: a login that compares the stored
 * password with the given one (`user.password !== password`, `u.getPassword().equals(pw)`), or asks
 * the database for the row whose password column equals it (`WHERE email = ? AND password = ?`,
 * `User.findOne({ username, password })`), or one stored as given (`User.create({ email, password
 * })`, or `INSERT INTO users (email, password) VALUES (?, ?)` in a file that reads a form, in a file
 * that hashes nothing).
 * Either works only if the table holds every password in plain text, so one leak (a backup, an
 * injection, a curious admin) gives away every user's password, for this site and every other one
 * they reuse it on. Comparisons of two entered passwords (`password !== confirmPassword`) and of
 * hashes (`password_hash = ?`, `hash(password) === user.hash`) are left alone.
 *
 * The same comparison against a literal (`password.equals(PASSWORD)` with `PASSWORD = "admin123"`)
 * is the other mistake: the one password the program accepts, written in the code for everyone who
 * can read the repository. It is reported where the literal is written, with the hard-coded key's
 * teaching.
 */

const TEACHING = {
  concern: 'security',
  title: 'password kept as plain text',
  question: 'If this users table leaked tomorrow, what would an attacker learn about the passwords, here and on every other site your users reuse them?',
  docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
  fix: 'Store only a slow salted hash made at sign-up (bcrypt, scrypt or Argon2) and check a login with that library\'s own compare (`await bcrypt.compare(password, user.passwordHash)`, `passwordEncoder.matches(raw, hash)`), never the password itself',
} as const;

/** A value named like a password. */
const PASSWORD = /pass(?:word|wd)|\bp(?:wd?|sw)\b|\bpass\b/i;
/** Names that make it a different value: a second entry to confirm, a hash, a new or old password in a change form. */
const NOT_THE_STORED_ONE = /hash|confirm|repeat|retype|again|verif|digest|encrypt|crypt|salt|new|old|length|\bre_?pass|\bc_?pass|pass(?:word)?_?2\b/i;
/** A character or a slice of a password (`password[0] == "$"`): a format check, not the password. */
const PART_OF = /\[\s*-?\d*\s*:?\s*-?\d*\s*\]$/;
/** Shorter than this, a literal is a menu choice or a sentinel (`password == "0"` to go back), not a password. */
const SHORTEST_PASSWORD = 3;
/** SQL asking for the row whose password column equals a value (a placeholder or a pasted one). */
const SQL_PASSWORD_MATCH = /\bwhere\b[^;]*?\b(?:pass(?:word|wd)?|pwd)["`\]]?\s*=\s*(?:\?|\$\d+|:\w+|@\w+|%s|'|"|\{)/i;

/** SQL storing a row with a password column: `INSERT INTO student(username, email, password) VALUES (?, ?, ?)`. */
const SQL_PASSWORD_INSERT = /\binsert\s+into\s+[\w.`"[\]]+\s*\(([^)]*)\)\s*values\b/i;
const PASSWORD_COLUMN = /(?:^|[\s,`"[])(?:pass(?:word|wd)?|pwd)(?:$|[\s,`"\]])/i;
/** Where a program takes what a person typed: a form, a request body, the keyboard, a text field. */
const READS_INPUT = /\.getParameter\s*\(|\brequest\.(?:form|json|get_json|POST|values)\b|\breq\.body\b|\binput\s*\(|\.getText\s*\(|\bc\.(?:PostForm|ShouldBind\w*|BindJSON)\s*\(|\.(?:FormValue|PostFormValue)\s*\(|\.Decode\s*\(/;

/** A password as a program holds it: named like one, not a hash or a second entry, not computed by a call. */
function isPassword(side: Node | null | undefined): side is Node {
  return side !== null && side !== undefined && PASSWORD.test(side.text) && !/^typeof\b/.test(side.text) && !PART_OF.test(side.text) && !NOT_THE_STORED_ONE.test(side.text) && !/\(\s*[^\s)]/.test(side.text);
}

interface PasswordGrammar {
  /** `js`, `python`, `go`, `java`: the rules' ids are `<prefix>/plaintext-password` and `<prefix>/hardcoded-login-password`. */
  prefix: string;
  languages: readonly ParsedLanguage[];
  strings: StringGrammar;
  comparisons: readonly string[];
  /** The two sides of an equality test, when `node` is one. */
  equality(node: Node): [Node | null, Node | null] | undefined;
  /** Where a password goes into a record or a query as given (JavaScript's objects): the node types to look at, and the test. */
  records?: { types: readonly string[]; storedAsGiven(node: Node): boolean };
}

/** A file that hashes passwords somewhere (a call, not a comment saying it should): a record built in it may hold the hash under the name `password`. */
const HASHES = /\b(?:bcrypt|argon2|scrypt|pbkdf2|hash\w*|crypt\w*)\s*[.(]/i;
/** Calls that store a record or look one up by its fields: Mongoose, Sequelize, Prisma, TypeORM, Knex, MongoDB. */
const RECORD_CALL = /(?:^|\.)(?:create|insert|insertOne|insertMany|save|findOne|find|findFirst|findUnique|findAll|findOneBy|where|update|updateOne)$|^new [A-Z]\w*$/;

/** `{ username, password }` or `{ password: req.body.password }` given to a call that stores or finds a record. */
function passwordIntoRecord(property: Node): boolean {
  const value = property.type === 'shorthand_property_identifier' ? property : property.childForFieldName('value');
  const key = property.type === 'shorthand_property_identifier' ? property.text : (property.childForFieldName('key')?.text ?? '').replace(/['"]/g, '');
  if (!/^pass(?:word|wd)?$|^pwd$/i.test(key) || !value || !/^(?:[\w$]+\.)*pass(?:word|wd)?$|^pwd$/i.test(value.text)) return false;
  const call = property.parent?.type === 'object' && property.parent.parent?.type === 'arguments' ? property.parent.parent.parent : null;
  const callee = call?.type === 'new_expression' ? `new ${call.childForFieldName('constructor')?.text ?? ''}` : (call?.childForFieldName('function')?.text ?? '');
  return call !== null && RECORD_CALL.test(callee.replace(/\s+/g, ''));
}

/** The literal a side is, or the literal the name it is was declared with (`PASSWORD = "admin"`). */
function writtenLiteral(side: Node | null, index: SyntaxIndex, strings: StringGrammar): Node | undefined {
  if (!side) return undefined;
  const value = strings.literals.has(side.type) ? side : localValue(side, index, strings);
  return value && strings.literals.has(value.type) && value.text.replace(/^[a-z]*["'`]+|["'`]+$/gi, '').trim().length >= SHORTEST_PASSWORD ? value : undefined;
}

interface Comparison {
  node: Node;
  literal: Node | undefined;
}

/** Each file's comparisons, found once for both rules that read them (the engine gives every rule of a file one index). */
const comparisonsOf = new WeakMap<SyntaxIndex, Comparison[]>();

/** Every password compared for equality, with what it is compared against: another password, or a literal. */
function passwordComparisons(index: SyntaxIndex, grammar: PasswordGrammar): Comparison[] {
  const known = comparisonsOf.get(index);
  if (known) return known;
  const found: Comparison[] = [];
  for (const node of grammar.comparisons.flatMap((type) => index.of(type))) {
    const [left = null, right = null] = grammar.equality(node) ?? [];
    if (isPassword(left) && isPassword(right) && !grammar.strings.literals.has(left.type) && !grammar.strings.literals.has(right.type)) {
      // A name on both sides may still be a constant holding a literal: `password.equals(PASSWORD)`.
      found.push({ node, literal: writtenLiteral(left, index, grammar.strings) ?? writtenLiteral(right, index, grammar.strings) });
      continue;
    }
    // `password == "hunter2"`; not `field == "password"`, a key's name compared, nor a password checked for being empty.
    const [named, other] = isPassword(left) ? [left, right] : [right, left];
    const literal = isPassword(named) && !grammar.strings.literals.has(named.type) ? writtenLiteral(other, index, grammar.strings) : undefined;
    if (literal && !PASSWORD.test(literal.text)) found.push({ node, literal });
  }
  comparisonsOf.set(index, found);
  return found;
}

/** Where SQL is written: the grammar's literals and, in JavaScript, a template (`\`... WHERE password = ?\``). */
function sqlTexts(grammar: PasswordGrammar): string[] {
  return [...grammar.strings.literals, 'template_string'];
}

/** An INSERT with a password column: in a file that takes a person's input and hashes nothing, the password is stored as typed. */
function insertsPassword(sql: string): boolean {
  const columns = SQL_PASSWORD_INSERT.exec(sql)?.[1];
  return columns !== undefined && PASSWORD_COLUMN.test(columns);
}

function types(grammar: PasswordGrammar): string[] {
  return [...sqlTexts(grammar), ...grammar.strings.declarations, ...grammar.comparisons];
}

function plaintextPassword(grammar: PasswordGrammar): SyntaxRule {
  return {
    id: `${grammar.prefix}/plaintext-password`,
    languages: grammar.languages,
    ...TEACHING,
    types: [...types(grammar), ...(grammar.records?.types ?? [])],
    mentions: PASSWORD,
    find(index, file) {
      const hits: SyntaxHit[] = [];
      const hashesNothing = !HASHES.test(file.text);
      for (const literal of sqlTexts(grammar).flatMap((type) => index.of(type))) {
        if (SQL_PASSWORD_MATCH.test(literal.text)) hits.push({ node: literal, message: 'This query finds the user whose stored password equals the one given: that only works when passwords are kept as plain text.' });
        else if (hashesNothing && insertsPassword(literal.text) && READS_INPUT.test(file.text)) hits.push({ node: literal, message: 'This stores the password the user typed in its own column, and nothing in this file hashes it.' });
      }
      for (const { node, literal } of passwordComparisons(index, grammar)) {
        if (!literal) hits.push({ node, message: `\`${node.text.slice(0, 60)}\` compares the password itself with the stored one: it is kept as plain text.` });
      }
      const records = grammar.records;
      if (records && hashesNothing) {
        for (const property of records.types.flatMap((type) => index.of(type)).filter(records.storedAsGiven)) {
          hits.push({ node: property, message: 'The password goes into the record (or the lookup) as the user typed it, and nothing in this file hashes it.' });
        }
      }
      return hits.sort((a, b) => a.node.startIndex - b.node.startIndex);
    },
  };
}

function hardcodedLoginPassword(grammar: PasswordGrammar): SyntaxRule {
  return {
    id: `${grammar.prefix}/hardcoded-login-password`,
    languages: grammar.languages,
    ...HARDCODED_TEACHING,
    // The one password the login accepts: whoever reads it logs in now.
    failure: 'certain',
    types: types(grammar),
    mentions: PASSWORD,
    find(index) {
      const literals = new Map<number, Node>();
      for (const { literal } of passwordComparisons(index, grammar)) if (literal) literals.set(literal.id, literal);
      return [...literals.values()].map((node) => ({ node, message: 'The password this program accepts is written here: anyone who can read the repository can log in.' }));
    },
  };
}

/** `a == b`, `a !== b`: the two sides of a binary expression whose operator is an equality. */
function binaryEquality(node: Node): [Node | null, Node | null] | undefined {
  const operator = node.childForFieldName('operator')?.text ?? '';
  return /^[!=]==?$/.test(operator) ? [node.childForFieldName('left'), node.childForFieldName('right')] : undefined;
}

const GRAMMARS: readonly PasswordGrammar[] = [
  {
    prefix: 'js',
    languages: ECMASCRIPT,
    strings: JS_STRINGS,
    comparisons: ['binary_expression'],
    equality: binaryEquality,
    records: { types: ['pair', 'shorthand_property_identifier'], storedAsGiven: passwordIntoRecord },
  },
  {
    prefix: 'python',
    languages: ['python'],
    strings: PYTHON_NAMES,
    comparisons: ['comparison_operator'],
    equality(node) {
      const [left, right, ...more] = node.namedChildren;
      const operators = node.children.filter((child) => child !== null && !child.isNamed).map((child) => child?.type);
      return more.length === 0 && operators.length === 1 && (operators[0] === '==' || operators[0] === '!=') ? [left ?? null, right ?? null] : undefined;
    },
  },
  {
    prefix: 'go',
    languages: ['go'],
    strings: GO_STRINGS,
    comparisons: ['binary_expression', 'call_expression'],
    equality(node) {
      if (node.type === 'binary_expression') return binaryEquality(node);
      // `strings.Compare(psw, password) == 0` and `strings.EqualFold(a, b)` compare as `==` does.
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      return /^strings\.(?:Compare|EqualFold)$/.test(node.childForFieldName('function')?.text ?? '') && args.length === 2 ? [args[0] ?? null, args[1] ?? null] : undefined;
    },
  },
  {
    prefix: 'java',
    languages: ['java'],
    strings: JAVA_STRINGS,
    comparisons: ['binary_expression', 'method_invocation'],
    equality(node) {
      if (node.type === 'binary_expression') return binaryEquality(node);
      const name = node.childForFieldName('name')?.text;
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      return (name === 'equals' || name === 'equalsIgnoreCase') && args.length === 1 ? [node.childForFieldName('object'), args[0] ?? null] : undefined;
    },
  },
];

export const PLAINTEXT_PASSWORD_RULES: readonly SyntaxRule[] = GRAMMARS.flatMap((grammar) => [plaintextPassword(grammar), hardcodedLoginPassword(grammar)]);
