import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { isEmptyBlock, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * TLS with its certificate check turned off: the connection is encrypted, but to whoever answers.
 * A junior turns it off to get past a self-signed certificate in development, and it ships. Python
 * has Ruff's S501 (`verify=False`); these are the same pitfall in Go, JavaScript/TypeScript and
 * Java, each from the one line that turns the check off.
 */

const TLS_TEACHING = {
  concern: 'security',
  title: 'TLS certificate check turned off',
  question: 'With the certificate no longer checked, who could be answering this connection, and what could they read or change?',
  docsUrl: 'https://owasp.org/www-community/vulnerabilities/Improper_Certificate_Validation',
  fix: 'Leave the check on; to trust a private or self-signed certificate, add its CA to what the client trusts (Go `tls.Config.RootCAs`, Node `ca`, a Java truststore) rather than trusting everyone',
} as const;

/**
 * Turned off behind an explicit opt-in (`if r.ignoreTLSErrors {`, `case 'no-verify':`): a choice
 * its user makes for one badly configured server, as miniflux offers, not a default that ships.
 */
const OPT_IN = /insecure|ignore|skip|verif|tls|ssl|self.?signed|allow/i;

function optedIn(node: Node): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type === 'if_statement' && OPT_IN.test(at.childForFieldName('condition')?.text ?? '')) return true;
    // node-postgres: `case 'no-verify': return { rejectUnauthorized: false }`, an sslmode its user picks.
    if (at.type === 'switch_case' && OPT_IN.test(at.childForFieldName('value')?.text ?? '')) return true;
  }
  return false;
}

/** Go: `tls.Config{InsecureSkipVerify: true}`. */
const goSkipVerify: SyntaxRule = {
  id: 'go/tls-verification-off',
  languages: ['go'],
  ...TLS_TEACHING,
  docsUrl: 'https://pkg.go.dev/crypto/tls#Config',
  types: ['keyed_element'],
  mentions: /\bInsecureSkipVerify\b/,
  find(index) {
    return index
      .of('keyed_element')
      .filter((element) => element.childForFieldName('key')?.text === 'InsecureSkipVerify' && element.childForFieldName('value')?.text === 'true' && !optedIn(element))
      .map((node) => ({ node, message: '`InsecureSkipVerify: true` accepts any certificate, so any server can pose as this one.' }));
  },
};

/** The environment switch that turns the check off for every TLS connection of the process. */
const NODE_SWITCH = /^process\.env(?:\.NODE_TLS_REJECT_UNAUTHORIZED|\[\s*['"]NODE_TLS_REJECT_UNAUTHORIZED['"]\s*\])$/;

/** JavaScript/TypeScript: `rejectUnauthorized: false` in TLS or HTTPS options, or `NODE_TLS_REJECT_UNAUTHORIZED = '0'`. */
const nodeRejectUnauthorized: SyntaxRule = {
  id: 'js/tls-verification-off',
  languages: ECMASCRIPT,
  ...TLS_TEACHING,
  docsUrl: 'https://nodejs.org/api/tls.html#tlsconnectoptions-callback',
  types: ['pair', 'assignment_expression'],
  mentions: /\b(?:rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED)\b/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const pair of index.of('pair')) {
      const key = pair.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
      if (key === 'rejectUnauthorized' && pair.childForFieldName('value')?.type === 'false' && !optedIn(pair)) {
        hits.push({ node: pair, message: '`rejectUnauthorized: false` accepts any certificate, so any server can pose as this one.' });
      }
    }
    for (const assignment of index.of('assignment_expression')) {
      const left = assignment.childForFieldName('left')?.text.replace(/\s+/g, '') ?? '';
      const right = assignment.childForFieldName('right')?.text.replace(/^['"`]|['"`]$/g, '');
      if (NODE_SWITCH.test(left) && right === '0') {
        hits.push({ node: assignment, message: '`NODE_TLS_REJECT_UNAUTHORIZED = "0"` turns the certificate check off for every TLS connection of this process.' });
      }
    }
    return hits;
  },
};

/** Java setters whose argument decides which host names a certificate may stand for. */
const HOSTNAME_SETTERS = new Set(['setHostnameVerifier', 'setDefaultHostnameVerifier']);

/** `(host, session) -> true`: a verifier that accepts every host. */
function acceptsAll(node: Node | undefined): boolean {
  return node?.type === 'lambda_expression' && node.childForFieldName('body')?.text === 'true';
}

/** Java: a HostnameVerifier that returns true for every host, or a TrustManager whose `checkServerTrusted` checks nothing. */
const javaTrustAll: SyntaxRule = {
  id: 'java/tls-verification-off',
  languages: ['java'],
  ...TLS_TEACHING,
  types: ['method_invocation', 'method_declaration'],
  mentions: /HostnameVerifier|checkServerTrusted/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('method_invocation')) {
      const name = call.childForFieldName('name')?.text ?? '';
      const verifier = call.childForFieldName('arguments')?.namedChildren[0] ?? undefined;
      if (HOSTNAME_SETTERS.has(name) && acceptsAll(verifier)) {
        hits.push({ node: call, message: `\`${name}\` with a verifier that returns true accepts a certificate for any host.` });
      }
    }
    for (const method of index.of('method_declaration')) {
      if (method.childForFieldName('name')?.text === 'checkServerTrusted' && isEmptyBlock(method.childForFieldName('body'))) {
        hits.push({ node: method, message: 'This `checkServerTrusted` checks nothing: every certificate is trusted.' });
      }
    }
    return hits;
  },
};

export const TLS_RULES: readonly SyntaxRule[] = [goSkipVerify, nodeRejectUnauthorized, javaTrustAll];
