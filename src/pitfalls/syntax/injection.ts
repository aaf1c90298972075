import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { builtString, HOLE, isConstantValue, literalText, type BuiltString, type StringGrammar } from './built-string.js';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/**
 * Injection: a value joined into text that an interpreter (a database, a shell) reads as code.
 * These rules look at how the text is made, not at where a value comes from: the parse cannot tell
 * a trusted value from one a user typed, and the same line gets copied where it is not. A value
 * pasted where SQL expects data, or into a shell's command line, is raised unless it is plainly
 * fixed text (a constant, a number, a list of placeholders).
 */

/** How a note teaches a SQL string built from pieces, in every language. */
const SQL_TEACHING = {
  concern: 'security',
  failure: 'certain',
  title: 'SQL built from strings',
  question: 'What happens to this query when the value contains a quote?',
  docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
  fix: 'Keep the SQL text constant and pass each value as a bound parameter (`?`, `$1` or `:name`, as the driver spells it); a table or column name that cannot be a parameter comes from a fixed list',
} as const;

/** How a note teaches a shell command built from pieces, in every language. */
export const SHELL_TEACHING = {
  concern: 'security',
  failure: 'certain',
  title: 'shell command built from strings',
  question: 'What would a value containing "; rm -rf ~" do to this command?',
  docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html',
  fix: 'Run the program itself with its arguments as a list, with no shell in between, so that each value stays one argument whatever characters it holds',
} as const;

/**
 * The start of a SQL statement: the text begins with it (after spaces or a parenthesis), so a
 * sentence that merely contains "select ... from" is not one. Bandit's and Ruff's pattern (S608),
 * anchored.
 */
const SQL_STATEMENT = /^[\s(]*(WITH\s[\s\S]*?\s)?(SELECT\s[\s\S]*?\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\S+\s+SET\s|DELETE\s+FROM\s|REPLACE\s+INTO\s|MERGE\s+INTO\s)/i;

/** A file without one of these words builds no SQL statement. */
const SQL_KEYWORD = /\b(select|insert|update|delete|replace|merge)\b/i;

/** Whether built text starts like a SQL statement, its keyword written the way SQL is (`SELECT`, `select`; not prose's `Select`). */
function looksLikeSql(text: string): boolean {
  const match = SQL_STATEMENT.exec(text);
  const keyword = match?.[2]?.split(/\s/)[0] ?? '';
  return keyword !== '' && (keyword === keyword.toUpperCase() || keyword === keyword.toLowerCase());
}

/**
 * A piece of a WHERE or SET clause built on its own, its value quoted: `fmt.Sprintf("title = '%s'",
 * t)` appended to the SET list of an `UPDATE todos SET %s` elsewhere in the file. Only the piece
 * alone counts (a column, a comparison, a quoted hole), and only in a file that writes SQL.
 */
const QUOTED_CONDITION = new RegExp(`^\\s*[\\w.]+\\s*(?:=|<>|!=|<=?|>=?|like)\\s*'${HOLE}'\\s*$`, 'i');
/** A SQL statement anywhere in a file, its keywords in SQL's case. */
const SQL_IN_FILE = /\b(?:SELECT\s[^;]*?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|select\s[^;]*?\sfrom|insert\s+into|update\s+\w+\s+set|delete\s+from)\s/;

/**
 * Where SQL expects a value, as the text before a hole ends: inside a quoted string (an odd number
 * of quotes so far, single or double: MySQL and SQLite take `"text"` as a string), after a comparison, in an `IN (` or a `VALUES (` list. Elsewhere a hole holds
 * SQL itself: a column list, a table name, a clause made elsewhere (often with its own placeholders).
 */
const VALUE_POSITION = /(?:[=<>]|\blike|\bin\s*\(|\bvalues\s*\([^)]*)\s*$/i;

/** The values a built SQL string places where SQL expects data. */
function valuesInData(built: BuiltString): Node[] {
  const data: Node[] = [];
  let hole = -1;
  for (let at = built.text.indexOf(HOLE); at !== -1; at = built.text.indexOf(HOLE, at + 1)) {
    hole++;
    const before = built.text.slice(0, at);
    const quoted = (before.match(/'/g)?.length ?? 0) % 2 === 1 || (before.match(/"/g)?.length ?? 0) % 2 === 1;
    const value = built.values[hole];
    if (value && (quoted || VALUE_POSITION.test(before))) data.push(value);
  }
  return data;
}

/** How a hit quotes built text: the literal parts, a value shown as `…`, cut to one line. */
function quote(built: BuiltString): string {
  const text = built.text.replaceAll(HOLE, '…').replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * A SQL statement with a value pasted where SQL expects data: `"... WHERE id = '" + id + "'"`,
 * `` `... = ${id}` ``, `fmt.Sprintf("... = '%s'", id)`, or a clause's piece built apart with its
 * value quoted. Constants, numbers and placeholder lists are not data; clauses and names joined in
 * are left alone.
 */
export function sqlBuiltFromStrings(id: string, languages: readonly ParsedLanguage[], grammar: StringGrammar): SyntaxRule {
  return {
    id,
    languages,
    ...SQL_TEACHING,
    types: [...grammar.builders, ...grammar.declarations],
    mentions: SQL_KEYWORD,
    find(index, file) {
      const hits: SyntaxHit[] = [];
      const writesSql = SQL_IN_FILE.test(file.text);
      const builders = grammar.builders.flatMap((type) => index.of(type)).sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
      let reported: Node | undefined;
      for (const node of builders) {
        // A template inside a reported concatenation is the same string.
        if (reported && node.startIndex < reported.endIndex) continue;
        const built = builtString(node, grammar);
        if (!built || !(looksLikeSql(built.text) || (writesSql && QUOTED_CONDITION.test(built.text)))) continue;
        const data = valuesInData(built).filter((value) => !isConstantValue(value, index, grammar));
        if (data.length === 0) continue;
        reported = node;
        const names = data.map((value) => `\`${value.text.slice(0, 30)}\``).join(', ');
        hits.push({ node, message: `\`${quote(built)}\` pastes ${names} into the SQL text, where the database reads it as SQL.` });
      }
      return hits;
    },
  };
}

/** Programs that run their argument as a command line: `sh`, `/bin/bash`, `cmd.exe`, `powershell`. */
const SHELL_PROGRAM = /^((\/usr)?\/bin\/)?(ba|z|k|da|a)?sh$|^(cmd|powershell|pwsh)(\.exe)?$/i;
/** The flag that hands them the command line: `-c` (also `-lc`, `-ec`), `/c`, `-Command`. */
const SHELL_FLAG = /^(-[a-z]*c|\/c|-command)$/i;

/** Where a shell gets a command line built from values: `runner` is how the file starts it (`exec`, `exec.Command`). */
export function shellHit(line: Node, runner: string, built: BuiltString): SyntaxHit {
  return { node: line, message: `\`${runner}\` hands \`${quote(built)}\` to a shell, with ${built.values.length === 1 ? 'a value' : 'values'} pasted into the command line.` };
}

/** Whether `program flag` (two literal arguments) runs the next argument as a shell command line. */
export function runsShell(program: Node | null | undefined, flag: Node | null | undefined, grammar: StringGrammar): boolean {
  if (!program || !flag || !grammar.literals.has(program.type) || !grammar.literals.has(flag.type)) return false;
  return SHELL_PROGRAM.test(literalText(program)) && SHELL_FLAG.test(literalText(flag));
}
