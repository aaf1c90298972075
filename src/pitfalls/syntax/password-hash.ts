import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { calleeText, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * A password hashed with a general-purpose hash (MD5, SHA-1, even SHA-256): fast by design, so a
 * leaked table of them is tried against every common password in minutes, and without a salt one
 * guess cracks every user who chose it. Found where the hashed value is named like a password, so
 * a checksum or a cache key is left alone.
 */

const TEACHING = {
  concern: 'security',
  title: 'password hashed with a fast hash',
  question: 'If these hashes leaked, how long would it take to try every common password against them?',
  docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
  fix: 'Hash passwords with a slow, salted function made for them: scrypt, bcrypt or Argon2 (Node `crypto.scrypt`, Python `hashlib.scrypt` or `bcrypt`, Go `golang.org/x/crypto/bcrypt`, Java Spring Security `BCryptPasswordEncoder`)',
} as const;

/** A value named like a password (`password`, `newPassword`, `user.passwd`, `pwd`). */
const PASSWORD = /pass(?:word|wd)|\bpwd\b/i;

function namesPassword(node: Node | null | undefined): boolean {
  return node !== null && node !== undefined && PASSWORD.test(node.text);
}

const MESSAGE = 'A password goes through a fast general-purpose hash here: one leaked table of them is cracked by trying common passwords.';

function hitsOf(calls: Node[], test: (call: Node) => boolean): SyntaxHit[] {
  return calls.filter(test).map((node) => ({ node, message: MESSAGE }));
}

/** Node: `crypto.createHash('sha256').update(password)`. */
const nodeHash: SyntaxRule = {
  id: 'js/password-fast-hash',
  languages: ECMASCRIPT,
  ...TEACHING,
  types: ['call_expression'],
  mentions: /\bcreateHash\b/,
  find(index: SyntaxIndex) {
    return hitsOf(index.of('call_expression'), (call) => {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'member_expression' || callee.childForFieldName('property')?.text !== 'update') return false;
      const hash = callee.childForFieldName('object');
      return hash?.type === 'call_expression' && /(?:^|\.)createHash$/.test(calleeText(hash)) && namesPassword(call.childForFieldName('arguments')?.namedChildren[0]);
    });
  },
};

/** Go's one-call hashes: `sha256.Sum256([]byte(password))`. */
const GO_SUMS = new Set(['md5.Sum', 'sha1.Sum', 'sha256.Sum256', 'sha256.Sum224', 'sha512.Sum512', 'sha512.Sum384']);

const goHash: SyntaxRule = {
  id: 'go/password-fast-hash',
  languages: ['go'],
  ...TEACHING,
  types: ['call_expression'],
  mentions: /\b(?:md5|sha1|sha256|sha512)\.Sum/,
  find(index) {
    return hitsOf(index.of('call_expression'), (call) => GO_SUMS.has(calleeText(call)) && namesPassword(call.childForFieldName('arguments')));
  },
};

/** Java: `MessageDigest` fed a password (`digest(password.getBytes(...))`, `update(...)`). */
const javaHash: SyntaxRule = {
  id: 'java/password-fast-hash',
  languages: ['java'],
  ...TEACHING,
  types: ['method_invocation'],
  mentions: /\bMessageDigest\b/,
  find(index) {
    return hitsOf(index.of('method_invocation'), (call) => {
      const name = call.childForFieldName('name')?.text;
      return (name === 'digest' || name === 'update') && namesPassword(call.childForFieldName('arguments'));
    });
  },
};

/** Python: `hashlib.sha256(password.encode())` (Ruff's S324 only knows MD5 and SHA-1). */
const PYTHON_HASHES = /^hashlib\.(?:md5|sha1|sha224|sha256|sha384|sha512|sha3_256|sha3_512|blake2b|blake2s|new)$/;

const pythonHash: SyntaxRule = {
  id: 'python/password-fast-hash',
  languages: ['python'],
  ...TEACHING,
  types: ['call'],
  mentions: /\bhashlib\./,
  find(index) {
    return hitsOf(index.of('call'), (call) => PYTHON_HASHES.test(calleeText(call)) && namesPassword(call.childForFieldName('arguments')));
  },
};

/**
 * A helper named for the hash it runs, given a password: `md5Password(password)`, `sha256(pwd)`,
 * Apache Commons' `DigestUtils.md5Hex(password)`. Its body may be in another module; its name says
 * what it does. Python's `hashlib` calls are the rule above.
 */
const HASH_NAMED = /(?:^|\.)\w*(?:md5|sha1|sha224|sha256|sha384|sha512)\w*$/i;

function namedHash(id: string, languages: SyntaxRule['languages'], call: string): SyntaxRule {
  return {
    id,
    languages,
    ...TEACHING,
    types: [call],
    mentions: /md5|sha1|sha224|sha256|sha384|sha512/i,
    find(index) {
      return hitsOf(index.of(call), (node) => {
        const callee = calleeText(node);
        // An HMAC keyed with a derived password is a protocol step (SCRAM), not a stored hash.
        return HASH_NAMED.test(callee) && !/hmac/i.test(callee) && !callee.startsWith('hashlib.') && namesPassword(node.childForFieldName('arguments')?.namedChildren[0]);
      });
    },
  };
}

export const PASSWORD_HASH_RULES: readonly SyntaxRule[] = [
  nodeHash,
  goHash,
  javaHash,
  pythonHash,
  namedHash('js/password-hash-helper', ECMASCRIPT, 'call_expression'),
  namedHash('python/password-hash-helper', ['python'], 'call'),
  namedHash('go/password-hash-helper', ['go'], 'call_expression'),
  namedHash('java/password-hash-helper', ['java'], 'method_invocation'),
];
