import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT, EXPRESS_SENDS } from './ecmascript-grammar.js';
import { ancestor, calleeText, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * Every user's row sent to whoever asks, passwords included:
 *
 *   const result = await connection.raw("SELECT * FROM labecommerce_users");
 *   res.send(result[0]);
 *
 *   @RequestMapping("/findAll")
 *   String findAll() { return objectMapper.writeValueAsString(userRepository.findAll()); }
 *
 * `SELECT *` and a bare `findAll()` take every column, the password (or its hash) among them, and the
 * handler sends them as they are. Found where a file that handles passwords answers a request with
 * a whole users table: raw SQL `SELECT * FROM <users>` with no WHERE, or a user model's `find()` /
 * `findAll()` with no projection. A query that names its columns, or asks for one user, is left alone.
 */

const TEACHING = {
  concern: 'security',
  title: 'every user sent, passwords included',
  question: 'Which columns of each user does this answer carry, and who can call the route that sends it?',
  docsUrl: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/',
} as const;

/** Anyone who can call the route reads every account's password now; behind a login it takes an account first. */
const ANYONE = { failure: 'certain' } as const;

/** A file that handles passwords: the users table it reads holds one. */
const PASSWORDS = /pass(?:word|wd)|\bpwd\b|senha|contrase/i;
/** A table or model of accounts. */
const USERS = /^[`"']?\w*(?:users?|usuarios?|accounts?|members?|customers?|clients?)[`"']?$/i;
/** Raw SQL for a whole table: `SELECT * FROM users`, no WHERE. */
const SELECT_ALL = /^\s*select\s+\*\s+from\s+(\S+?)\s*;?\s*$/i;

/** The string a call is given first, without its quotes. */
function firstString(call: Node): string | undefined {
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  return first && /^(?:string|template_string)$/.test(first.type) ? first.text.slice(1, -1) : undefined;
}

/** `connection.raw("SELECT * FROM users")`, `User.find()`, `Users.findAll({})`: a whole users table, every column. */
function wholeUsersQuery(node: Node | null | undefined): boolean {
  let call = node;
  while (call && (call.type === 'await_expression' || call.type === 'parenthesized_expression')) call = call.namedChildren[0];
  if (call?.type !== 'call_expression') return false;
  const callee = calleeText(call);
  const method = callee.split('.').at(-1) ?? '';
  const receiver = callee.split('.').at(-2) ?? '';
  const sql = SELECT_ALL.exec(firstString(call) ?? '');
  if (sql) return USERS.test(sql[1] ?? '');
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const noFilter = args.length === 0 || (args.length === 1 && args[0]?.text.replace(/\s/g, '') === '{}');
  return /^(?:find|findAll)$/.test(method) && /^[A-Z]/.test(receiver) && USERS.test(receiver) && noFilter;
}

/** What a response's argument reads: `result[0]`, `users`, `rows.rows` come down to the name they start from. */
function baseName(node: Node): Node | undefined {
  let at: Node | null = node;
  while (at && (at.type === 'subscript_expression' || at.type === 'member_expression')) at = at.childForFieldName('object');
  return at?.type === 'identifier' ? at : undefined;
}

/** Whether `name` was declared, above it in the file, from a whole users query. */
function fromWholeUsers(name: Node, index: SyntaxIndex): boolean {
  return index.of('variable_declarator').some((declarator) => declarator.endIndex <= name.startIndex && declarator.childForFieldName('name')?.text === name.text && wholeUsersQuery(declarator.childForFieldName('value')));
}

/** Middleware that asks for a login, by its name. */
const LOGIN_MIDDLEWARE = /auth|protect|verify|guard|login|jwt|token|session|passport/i;

/** Whether the route whose handler holds `call` is registered behind login middleware (`router.get(path, authenticate, handler)`). */
function behindLogin(call: Node): boolean {
  for (let at = call.parent; at; at = at.parent) {
    if (at.type !== 'arguments') continue;
    const args = at.namedChildren.filter((arg): arg is Node => arg !== null);
    const handler = args.findIndex((arg) => arg.startIndex <= call.startIndex && call.endIndex <= arg.endIndex);
    if (args.slice(1, handler).some((arg) => LOGIN_MIDDLEWARE.test(arg.text))) return true;
  }
  return false;
}
const METHODS = new Set(['method_declaration']);
const RETURNS = new Set(['return_statement']);

export const USERS_SENT_WHOLE_RULES: readonly SyntaxRule[] = [
  {
    id: 'js/users-sent-whole',
    languages: ECMASCRIPT,
    ...TEACHING,
    fix: 'Ask only for what the page shows (`SELECT id, name, email FROM users`, `User.find({}, "name email")`) and keep the route behind a login',
    types: ['call_expression', 'variable_declarator'],
    mentions: PASSWORDS,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const call of index.of('call_expression')) {
        if (!EXPRESS_SENDS.test(calleeText(call))) continue;
        const sent = call.childForFieldName('arguments')?.namedChildren[0];
        const name = sent && baseName(sent);
        if (!sent || !(wholeUsersQuery(sent) || (name && fromWholeUsers(name, index)))) continue;
        // Behind a login (`router.get("/", authenticate, ...)`) it takes an account to read them: still wrong, after what anyone can do.
        const guarded = behindLogin(call);
        hits.push({ node: call, message: `This answers with every user's row, every column: their passwords (or hashes) go to ${guarded ? 'every signed-in user' : 'whoever calls the route'}.`, ...(guarded ? {} : ANYONE) });
      }
      return hits;
    },
  },
  {
    id: 'java/users-sent-whole',
    languages: ['java'],
    ...TEACHING,
    fix: 'Return only what the page shows (a record or DTO without the password, or a query that selects those columns), and keep the route behind a login',
    types: ['method_invocation'],
    mentions: PASSWORDS,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const call of index.of('method_invocation')) {
        const receiver = call.childForFieldName('object')?.text ?? '';
        if (call.childForFieldName('name')?.text !== 'findAll' || !/user/i.test(receiver) || (call.childForFieldName('arguments')?.namedChildCount ?? 0) > 0) continue;
        // Returned from a request handler (`@GetMapping`, `@RequestMapping`): Spring writes it out as JSON, field by field.
        const method = ancestor(call, METHODS);
        const handler = method?.namedChildren.find((child) => child?.type === 'modifiers')?.text.match(/@\w*Mapping\b/);
        if (handler && ancestor(call, RETURNS)) hits.push({ node: call, message: `\`${receiver}.findAll()\` is sent back whole: every user's password goes to whoever calls the route.`, ...ANYONE });
      }
      return hits;
    },
  },
];
