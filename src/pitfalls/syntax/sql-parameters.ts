import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { ancestor, calleeText, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A parameterised query whose placeholders and values do not match: the SQL says `... where id=?`
 * six times over and the code binds five (`ps.setString(5, ...)` is the last), `cursor.execute(
 * "... WHERE id = ?", (id))` passes a parenthesised value where a one-element tuple was meant, or
 * `db.query('... VALUES (?, ?, ?)', [name, email])` gives two values for three marks. The driver
 * refuses the statement on every run ("No value specified for parameter 6", "Incorrect number of
 * bindings supplied"), and in junior code the error is usually caught and printed, so the feature
 * silently never works. Only literal SQL and literal value lists are counted: a query built or bound
 * elsewhere (a loop binding `ps.setObject(i, ...)`, a list made earlier) is left alone.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'query placeholders and values do not match',
  question: 'Count the `?` marks in this SQL, then the values given for them: which one is the database left without?',
} as const;

/** A query's SQL with its quoted SQL strings blanked: a `'?'` inside a SQL string is no placeholder. */
function withoutSqlStrings(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "''");
}

/** How many values the SQL asks for: `?` marks, `%s` marks, or the highest `$n`; undefined for named ones or a mix. */
export function placeholderCount(sql: string): number | undefined {
  const bare = withoutSqlStrings(sql);
  if (/%\(\w+\)s|(?<![:\w]):[A-Za-z_]\w*/.test(bare)) return undefined;
  const marks = (bare.match(/\?/g) ?? []).length;
  const formats = (bare.match(/%s/g) ?? []).length;
  const numbered = [...bare.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
  const kinds = [marks, formats, numbered.length].filter((count) => count > 0).length;
  if (kinds !== 1) return undefined;
  return marks || formats || Math.max(...numbered);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

// Java: a PreparedStatement's SQL and the indices its setters bind, in the method that prepares it.

const JAVA_METHOD = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']);

/** The SQL of `"..." + "..."` or `"..."` when every part is a literal. */
function javaLiteral(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string_literal') return node.text.replace(/^"""\s*\n?|"""$|^"|"$/g, '');
  if (node.type === 'parenthesized_expression') return javaLiteral(node.namedChildren[0]);
  if (node.type !== 'binary_expression' || node.childForFieldName('operator')?.text !== '+') return undefined;
  const left = javaLiteral(node.childForFieldName('left'));
  const right = javaLiteral(node.childForFieldName('right'));
  return left !== undefined && right !== undefined ? left + right : undefined;
}

/** The name a prepared statement is kept in: `PreparedStatement ps = con.prepareStatement(...)`, `ps = ...`, a try's resource. */
function javaStatementName(call: Node): string | undefined {
  const parent = call.parent;
  if (parent?.type === 'variable_declarator' || parent?.type === 'resource') return parent.childForFieldName('name')?.text;
  if (parent?.type === 'assignment_expression') return parent.childForFieldName('left')?.text;
  return undefined;
}

const javaUnboundParameter: SyntaxRule = {
  id: 'java/sql-parameter-unbound',
  languages: ['java'],
  ...TEACHING,
  docsUrl: 'https://docs.oracle.com/javase/tutorial/jdbc/basics/prepared.html',
  fix: 'Give every `?` its value, numbered from 1 in the order the marks appear (`ps.setInt(6, e.getId())` for the `where id=?`), or take out the mark the query does not need',
  types: ['method_invocation', 'identifier'],
  mentions: /prepare(?:Statement|Call)\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    const calls = index.of('method_invocation');
    for (const prepare of calls) {
      if (!/^prepare(?:Statement|Call)$/.test(prepare.childForFieldName('name')?.text ?? '')) continue;
      const sqlNode = prepare.childForFieldName('arguments')?.namedChildren[0];
      const sql = javaLiteral(sqlNode);
      const wanted = sql === undefined ? undefined : placeholderCount(sql);
      const name = javaStatementName(prepare);
      const method = ancestor(prepare, JAVA_METHOD);
      if (!sqlNode || !wanted || !name || !method) continue;
      // The setters between this statement and the next one prepared into the same name.
      const next = calls.find((other) => other.startIndex > prepare.endIndex && other !== prepare && /^prepare(?:Statement|Call)$/.test(other.childForFieldName('name')?.text ?? '') && javaStatementName(other) === name);
      const end = Math.min(method.endIndex, next?.startIndex ?? Infinity);
      const uses = index.of('identifier', method).filter((identifier) => identifier.text === name && identifier.startIndex > prepare.endIndex && identifier.startIndex < end);
      // A parameter's setter takes its index and a value (`setQueryTimeout(30)`, `setMaxRows(10)` take one number).
      const setters = calls.filter((call) => call.startIndex > prepare.endIndex && call.startIndex < end && call.childForFieldName('object')?.text === name && /^set[A-Z]\w*$/.test(call.childForFieldName('name')?.text ?? '') && (call.childForFieldName('arguments')?.namedChildren.length ?? 0) >= 2);
      // Handed to a helper, or bound by a computed index: the binding is not all here to count.
      const handedOn = uses.some((use) => use.parent?.type === 'argument_list');
      const indices = setters.map((setter) => setter.childForFieldName('arguments')?.namedChildren[0]);
      if (handedOn || setters.length === 0 || indices.some((at) => at?.type !== 'decimal_integer_literal')) continue;
      const bound = new Set(indices.map((at) => Number(at?.text)));
      const missing = Array.from({ length: wanted }, (_, i) => i + 1).filter((at) => !bound.has(at));
      const beyond = [...bound].filter((at) => at > wanted);
      if (missing.length > 0) hits.push({ node: sqlNode, message: `The SQL has ${plural(wanted, '`?`')} and parameter ${missing.join(', ')} is never set on \`${name}\`: the database refuses the statement on every run ("No value specified for parameter ${missing[0]}").` });
      else if (beyond.length > 0) hits.push({ node: sqlNode, message: `The SQL has ${plural(wanted, '`?`')} but \`${name}\` sets parameter ${beyond.join(', ')}: the driver throws on every run (the index is out of range).` });
    }
    return hits;
  },
};

// Python: `cursor.execute("... ?", (value))` and value lists of the wrong length.

/** The text of a plain (not f-) string literal, or of adjacent literals. */
function pythonLiteral(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((part) => pythonLiteral(part));
    return parts.every((part) => part !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string' || node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  const prefix = /^[A-Za-z]*/.exec(node.text)?.[0] ?? '';
  if (/f/i.test(prefix)) return undefined;
  return node.text.slice(prefix.length).replace(/^('''|"""|'|")([\s\S]*)\1$/, '$2');
}

const EXECUTES = /^(?:execute|executemany)$/;

const pythonParameterCount: SyntaxRule = {
  id: 'python/sql-parameter-count',
  languages: ['python'],
  ...TEACHING,
  docsUrl: 'https://docs.python.org/3/library/sqlite3.html#sqlite3-placeholders',
  fix: 'Pass one value per placeholder, in a tuple: `cursor.execute("... WHERE id = ?", (student_id,))` (the comma makes the tuple; `(student_id)` is just the value)',
  types: ['call'],
  mentions: /\.execute(?:many)?\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call')) {
      const method = call.childForFieldName('function');
      if (method?.type !== 'attribute' || !EXECUTES.test(method.childForFieldName('attribute')?.text ?? '')) continue;
      const [sqlNode, values, ...rest] = call.childForFieldName('arguments')?.namedChildren ?? [];
      const sql = pythonLiteral(sqlNode);
      const wanted = sql === undefined ? undefined : placeholderCount(sql);
      if (!sqlNode || !wanted || !values || rest.length > 0 || values.type === 'keyword_argument') continue;
      const many = method.childForFieldName('attribute')?.text === 'executemany';
      if (!many && values.type === 'parenthesized_expression' && values.namedChildren[0]?.type !== 'tuple' && wanted === 1 && !/\*/.test(values.text)) {
        hits.push({ node: values, message: `\`${values.text}\` is not a tuple, only the value in brackets: the driver reads it as the sequence of values (a string's letters, or no sequence at all) and refuses the query. A one-value tuple needs its comma: \`(${values.namedChildren[0]?.text ?? ''},)\`.` });
        continue;
      }
      if (many || (values.type !== 'tuple' && values.type !== 'list') || values.namedChildren.some((value) => value?.type === 'list_splat' || value?.type === 'comment')) continue;
      const given = values.namedChildren.length;
      if (given !== wanted) hits.push({ node: values, message: `The SQL has ${plural(wanted, 'placeholder')} and ${plural(given, 'value')} ${given === 1 ? 'is' : 'are'} given: the driver refuses the query on every run ("Incorrect number of bindings supplied").` });
    }
    return hits;
  },
};

// JavaScript and TypeScript: `db.query('... ?, ?', [a])`, pg's `$1, $2`.

const QUERIES = /^(?:query|execute|run|get|all)$/;

/** The text of a quoted string or a template with no `${}`. */
function ecmascriptLiteral(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return node.text.slice(1, -1);
  if (node.type === 'template_string' && !node.namedChildren.some((child) => child?.type === 'template_substitution')) return node.text.slice(1, -1);
  return undefined;
}

const ecmascriptParameterCount: SyntaxRule = {
  id: 'js/sql-parameter-count',
  languages: ECMASCRIPT,
  ...TEACHING,
  docsUrl: 'https://github.com/mysqljs/mysql#escaping-query-values',
  fix: 'Give one value per placeholder, in order, in the array: `db.query("INSERT INTO users (name, email, age) VALUES (?, ?, ?)", [name, email, age])`',
  types: ['call_expression'],
  mentions: /\?|\$\d/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'member_expression' || !QUERIES.test(callee.childForFieldName('property')?.text ?? '')) continue;
      const [sqlNode, values] = call.childForFieldName('arguments')?.namedChildren ?? [];
      const sql = ecmascriptLiteral(sqlNode);
      // Only text that reads as SQL: `map.get('?')` is no query.
      const wanted = sql !== undefined && /\b(?:select|insert|update|delete)\b/i.test(sql) ? placeholderCount(sql) : undefined;
      if (!wanted || values?.type !== 'array' || values.namedChildren.some((value) => value?.type === 'spread_element' || value?.type === 'comment')) continue;
      const given = values.namedChildren.length;
      // mysql expands an array value into a list (`IN (?)` with `[ids]`): fewer values than marks is the only sure miss.
      if (given < wanted) hits.push({ node: values, message: `The SQL of \`${calleeText(call)}\` has ${plural(wanted, 'placeholder')} and ${plural(given, 'value')} ${given === 1 ? 'is' : 'are'} given: the database is left without a value on every run.` });
    }
    return hits;
  },
};

export const SQL_PARAMETER_RULES: readonly SyntaxRule[] = [javaUnboundParameter, pythonParameterCount, ecmascriptParameterCount];
