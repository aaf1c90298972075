import type { Node } from 'web-tree-sitter';
import { code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A servlet keeping one request's state in its fields: `PreparedStatement pstmt; ResultSet rs;
 * PrintWriter pw;` declared on the class and assigned in `service` or `doPost`. The container makes
 * one servlet and runs every request through it on its own thread, so two logins at once share
 * `rs` and `pw`: one customer's account row can be written to another's response. Found where a
 * field of a class extending HttpServlet (not static, not final) is assigned in a request method
 * that does not declare a local of the same name. Reported at the field, where the fix goes.
 */

const REQUEST_METHODS = /^(?:service|doGet|doPost|doPut|doDelete|doPatch)$/;

/** The plain names a field declaration declares. */
function fieldNames(field: Node): string[] {
  return field.childrenForFieldName('declarator').flatMap((declarator) => (declarator?.childForFieldName('name') ? [declarator.childForFieldName('name')!.text] : []));
}

const servletSharedState: SyntaxRule = {
  id: 'java/servlet-request-state-in-fields',
  languages: ['java'],
  concern: 'security',
  title: "a request's state kept in the servlet's fields",
  question: 'Two customers log in at the same moment: whose ResultSet and whose response writer do these fields hold?',
  docsUrl: 'https://jakarta.ee/specifications/servlet/6.0/jakarta-servlet-spec-6.0#multithreading-issues',
  fix: 'Declare what one request uses inside the method (`PreparedStatement pstmt = con.prepareStatement(query);`, `PrintWriter pw = res.getWriter();`), with try-with-resources; keep only what every request shares, set once in `init()`, as fields',
  types: ['class_declaration', 'field_declaration', 'method_declaration', 'assignment_expression', 'local_variable_declaration'],
  mentions: /\bHttpServlet\b/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const servlet of index.of('class_declaration')) {
      if (!/\bextends\s+HttpServlet\b/.test(servlet.childForFieldName('superclass')?.text ?? servlet.text.slice(0, servlet.text.indexOf('{')))) continue;
      const body = servlet.childForFieldName('body');
      const fields = code(body?.namedChildren ?? []).filter((member) => member.type === 'field_declaration' && !/\b(?:static|final)\b/.test(member.namedChildren.find((child) => child?.type === 'modifiers')?.text ?? ''));
      const methods = index.of('method_declaration', servlet).filter((method) => REQUEST_METHODS.test(method.childForFieldName('name')?.text ?? ''));
      const setByRequest = (name: string): boolean =>
        methods.some((method) => {
          const locals = index.of('local_variable_declaration', method).flatMap(fieldNames);
          return !locals.includes(name) && index.of('assignment_expression', method).some((assignment) => /^(?:this\.)?(\w+)$/.exec(assignment.childForFieldName('left')?.text ?? '')?.[1] === name);
        });
      // One note for the servlet, at its first such field: it is one habit, fixed in one place.
      const shared = fields.flatMap((field) => fieldNames(field).filter(setByRequest).map((name) => ({ field, name })));
      const [first] = shared;
      if (first) {
        const names = shared.map(({ name }) => `\`${name}\``).join(', ');
        hits.push({ node: first.field, message: `${names} ${shared.length > 1 ? 'are fields' : 'is a field'} of the one servlet every request runs through, set by each request: concurrent requests overwrite each other's.` });
      }
    }
    return hits;
  },
};

export const SERVLET_SHARED_STATE_RULES: readonly SyntaxRule[] = [servletSharedState];
