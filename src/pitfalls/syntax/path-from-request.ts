import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { reachingValues, type StringGrammar } from './built-string.js';
import { ECMASCRIPT, JS_STRINGS } from './ecmascript-grammar.js';
import { GO_STRINGS } from './go.js';
import { JAVA_STRINGS } from './java.js';
import { PYTHON_NAMES } from './python-grammar.js';
import { calleeText, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * A file path made from what the request says (`path.join(UPLOADS, req.params.name)`): a name of
 * `../../etc/passwd` reads or overwrites any file the server can. Found where a path or file call
 * is given a request value, directly or through a variable declared from one, unless the value
 * went through what keeps only a file name (`basename`, `secure_filename`, `filepath.Base`).
 */

const TEACHING = {
  concern: 'security',
  failure: 'certain',
  title: 'file path from the request',
  question: 'What would a name like "../../etc/passwd" open here?',
  docsUrl: 'https://owasp.org/www-community/attacks/Path_Traversal',
  fix: 'Keep only the file name (`path.basename`, `secure_filename`, `filepath.Base`, `Path.getFileName`) or look the name up in what you stored, then check the resolved path is still inside the folder you meant',
} as const;

interface PathGrammar {
  id: string;
  languages: readonly ParsedLanguage[];
  /** Calls and constructions that open, write or name a file. */
  calls: readonly string[];
  paths: RegExp;
  /**
   * Of those, the ones whose every argument is part of the path (`path.join`, `new File(dir,
   * name)`); the others take the path as their first argument (`fs.writeFile(path, data, done)`:
   * the data and the callback are no path), or where `pathAt` says.
   */
  joiners: RegExp;
  pathAt?: Readonly<Record<string, number>>;
  /** A value from the request: a route parameter, the query, a form field. */
  request: RegExp;
  /** More of the request in a file that defines a handler class (`self.path` in http.server's `BaseHTTPRequestHandler`). */
  handlerRequest?: { handler: RegExp; request: RegExp };
  /** Calls that keep only a file name. */
  sanitizers: RegExp;
  strings: StringGrammar;
}

function pathFromRequest(grammar: PathGrammar): SyntaxRule {
  return {
    id: grammar.id,
    languages: grammar.languages,
    ...TEACHING,
    types: [...grammar.calls, ...grammar.strings.declarations],
    mentions: grammar.handlerRequest ? new RegExp(`${grammar.request.source}|${grammar.handlerRequest.request.source}`) : grammar.request,
    find(index, file) {
      const extra = grammar.handlerRequest;
      const request = extra?.handler.test(file.text) ? new RegExp(`${grammar.request.source}|${extra.request.source}`) : grammar.request;
      const hits: SyntaxHit[] = [];
      for (const call of grammar.calls.flatMap((type) => index.of(type))) {
        if (!grammar.paths.test(calleeText(call))) continue;
        // `Paths.get(name).getFileName()`: only the file name of what was built is kept.
        const chained = call.parent;
        if (chained && chained.text.startsWith(call.text) && grammar.sanitizers.test(chained.text.slice(call.text.length))) continue;
        const callee = calleeText(call);
        const args = call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null && arg.type !== 'comment') ?? [];
        const pathArgs = grammar.joiners.test(callee) ? args : args.slice(grammar.pathAt?.[callee] ?? 0).slice(0, 1);
        const tainted = pathArgs.find((arg) => {
          const values = valuesOf(arg, index, grammar.strings);
          return values.some((node) => request.test(node.text)) && !values.some((node) => grammar.sanitizers.test(node.text));
        });
        if (tainted) hits.push({ node: call, message: `\`${tainted.text.slice(0, 60)}\` comes from the request and goes into a file path as it is.` });
      }
      // `res.sendFile(path.join(dir, req.params.name))` is one place: the innermost call says it.
      return hits.filter((hit) => !hits.some((other) => other !== hit && other.node.startIndex >= hit.node.startIndex && other.node.endIndex <= hit.node.endIndex));
    },
  };
}

/** How far names inside an argument are followed to what they were declared from. */
const MAX_HOPS = 2;

/**
 * An argument and what the names in it were declared from, to `MAX_HOPS` steps: `"download/" + filename`
 * where `filename = request.getParameter("filename")`; every declaration that may reach it, since one
 * branch's value from the request is enough.
 */
function valuesOf(arg: Node, index: SyntaxIndex, strings: StringGrammar): Node[] {
  const values = [arg];
  let frontier = [arg];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const names = frontier.flatMap((node) => (node.type === 'identifier' ? [node] : node.descendantsOfType('identifier').filter((name): name is Node => name !== null)));
    frontier = names.flatMap((name) => reachingValues(name, index, strings)).filter((value) => !values.some((seen) => seen.id === value.id));
    values.push(...frontier);
  }
  return values;
}

export const PATH_FROM_REQUEST_RULES: readonly SyntaxRule[] = [
  pathFromRequest({
    id: 'js/path-from-request',
    languages: ECMASCRIPT,
    calls: ['call_expression'],
    paths: /^(?:path\.(?:join|resolve)|(?:fs|fsp|fs\.promises)\.(?:readFile|readFileSync|createReadStream|createWriteStream|writeFile|writeFileSync|unlink|unlinkSync|rm|rmSync|open)|res\.(?:sendFile|download))$/,
    joiners: /^path\.(?:join|resolve)$/,
    request: /\breq(?:uest)?\.(?:params|query|body)\b/,
    sanitizers: /\bbasename\s*\(/,
    strings: JS_STRINGS,
  }),
  pathFromRequest({
    id: 'python/path-from-request',
    languages: ['python'],
    calls: ['call'],
    paths: /^(?:os\.path\.join|open|send_file|flask\.send_file|Path|pathlib\.Path|os\.remove|os\.unlink|shutil\.(?:copy|copyfile|move|rmtree))$/,
    joiners: /^(?:os\.path\.join|Path|pathlib\.Path|shutil\.\w+)$/,
    request: /\brequest\.(?:args|form|values|files|GET|POST|query_params|path_params|match_info)\b|\brequest\.get_json\(/,
    handlerRequest: { handler: /\bBase(?:HTTP)?RequestHandler\b|\bSimpleHTTPRequestHandler\b/, request: /\bself\.path\b/ },
    // http.server's own `translate_path` drops `..` and drive parts.
    sanitizers: /\b(?:secure_filename|basename|translate_path)\s*\(/,
    strings: PYTHON_NAMES,
  }),
  pathFromRequest({
    id: 'go/path-from-request',
    languages: ['go'],
    calls: ['call_expression'],
    paths: /^(?:filepath\.Join|path\.Join|os\.(?:Open|OpenFile|ReadFile|Create|Remove|RemoveAll|WriteFile)|http\.ServeFile)$/,
    joiners: /^(?:filepath|path)\.Join$/,
    pathAt: { 'http.ServeFile': 2 },
    request: /\br\.(?:URL\.Query\(\)\.Get|FormValue|PostFormValue|PathValue)\(|\bmux\.Vars\(r\)|\bc\.(?:Param|Query)\(/,
    sanitizers: /\b(?:filepath|path)\.Base\(/,
    strings: GO_STRINGS,
  }),
  pathFromRequest({
    id: 'java/path-from-request',
    languages: ['java'],
    calls: ['object_creation_expression', 'method_invocation'],
    paths: /^(?:new (?:File|FileInputStream|FileOutputStream|FileReader|FileWriter)|Paths\.get|Path\.of|\w+\.resolve|(?:[\w.]*(?:\(\))?\.)?getRealPath)$/,
    joiners: /^(?:new File|Paths\.get|Path\.of|\w+\.resolve)$/,
    request: /\b(?:request|req|httpRequest)\.getParameter\(/,
    sanitizers: /\.getFileName\(\)|FilenameUtils\.getName\(/,
    strings: JAVA_STRINGS,
  }),
];
