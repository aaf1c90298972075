import type { Node } from 'web-tree-sitter';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * A Go struct whose password goes out with it:
 *
 *   type User struct {
 *       Name     string `json:"name"`
 *       Password string `json:"password"`
 *   }
 *   ...
 *   json.NewEncoder(w).Encode(users)
 *
 * encoding/json writes every exported field not tagged `json:"-"`, so each answer built from this
 * struct carries the password (or its hash) to the client. Found where a file that writes JSON to an
 * http.ResponseWriter declares, in a named struct that is not a request's, an exported password field
 * whose tag does not leave it out (`json:"-"`, or `omitempty` for one blanked before answering).
 */

const PASSWORD_FIELD = /^(?:Password|Passwd|Pwd|PasswordHash|HashedPassword|Pass)$/;
const INPUT_STRUCT = /Request|Input|Payload|Credential|Login|Register|Signup|SignUp|Form|Param|Body|Auth/;
const WRITES_JSON = /json\.NewEncoder\(\s*w\s*\)|\bw\.Write\(\s*\w+\s*\)|\bc\.JSON\(|\bctx\.JSON\(/;

export const PASSWORD_IN_JSON_RULES: readonly SyntaxRule[] = [
  {
    id: 'go/password-in-json',
    languages: ['go'],
    concern: 'security',
    failure: 'certain',
    title: 'password sent with the struct',
    question: 'When this struct is written out as JSON, which of its fields reach the client?',
    docsUrl: 'https://pkg.go.dev/encoding/json#Marshal',
    fix: 'Leave the field out of JSON with the tag `json:"-"` (or answer with a struct that has no password field at all), and select only the columns the answer needs',
    types: ['field_declaration'],
    mentions: WRITES_JSON,
    find(index, file) {
      const hits: SyntaxHit[] = [];
      for (const field of index.of('field_declaration')) {
        const name = field.childForFieldName('name')?.text ?? '';
        const tag = field.childForFieldName('tag')?.text ?? '';
        const struct = structName(field);
        // A request's body (`LoginRequest`, `Credentials`, an anonymous struct bound in a handler) is read
        // from the client, not sent to it; `omitempty`, or a `.Password = ""` before answering, blanks it on purpose.
        if (!PASSWORD_FIELD.test(name) || /json:"(?:-|[^"]*,omitempty)"/.test(tag) || !struct || INPUT_STRUCT.test(struct) || new RegExp(`\\.${name}\\s*=\\s*""`).test(file.text)) continue;
        hits.push({ node: field, message: `\`${name}\` has no \`json:"-"\` tag, so every JSON answer made from this struct carries it to the client.` });
      }
      return hits;
    },
  },
];

/** The name of the struct type a field is declared in (`User` of `type User struct {...}`); undefined outside one or for an anonymous one. */
function structName(field: Node): string | undefined {
  const struct = field.parent?.parent;
  return struct?.type === 'struct_type' && struct.parent?.type === 'type_spec' ? struct.parent.childForFieldName('name')?.text : undefined;
}
