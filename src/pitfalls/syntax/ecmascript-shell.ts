import type { Node } from 'web-tree-sitter';
import { builtArgument, literalText } from './built-string.js';
import { ECMASCRIPT, JS_STRINGS } from './ecmascript-grammar.js';
import { runsShell, SHELL_TEACHING, shellHit } from './injection.js';
import type { SyntaxHit, SyntaxIndex, SyntaxRule } from './rule.js';

const CHILD_PROCESS = /^(node:)?child_process$/;
/** child_process functions that hand their first argument to `/bin/sh -c`. */
const THROUGH_A_SHELL = new Set(['exec', 'execSync']);
/** child_process functions that run a program with a list of arguments: `spawn('sh', ['-c', line])` is a shell all the same. */
const WITH_ARGUMENTS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);

/** The names child_process is known by in a file: its functions by local name, and the names of the module itself. */
interface ChildProcessNames {
  functions: Map<string, string>;
  modules: Set<string>;
}

function isChildProcess(source: Node | null | undefined): boolean {
  return source?.type === 'string' && CHILD_PROCESS.test(literalText(source));
}

/** `require('child_process')`. */
function isRequire(value: Node | null): boolean {
  return value?.type === 'call_expression' && value.childForFieldName('function')?.text === 'require' && isChildProcess(value.childForFieldName('arguments')?.namedChildren[0]);
}

/** What child_process is called in this file: `import { exec } from 'node:child_process'`, `const cp = require('child_process')`, `promisify(exec)`. */
function childProcessNames(index: SyntaxIndex): ChildProcessNames {
  const names: ChildProcessNames = { functions: new Map(), modules: new Set() };
  for (const statement of index.of('import_statement')) {
    if (!isChildProcess(statement.childForFieldName('source'))) continue;
    const clause = statement.namedChildren.find((child) => child?.type === 'import_clause');
    for (const part of clause?.namedChildren ?? []) {
      if (part?.type === 'identifier') names.modules.add(part.text);
      if (part?.type === 'namespace_import') names.modules.add(part.namedChildren[0]?.text ?? '');
      for (const specifier of part?.type === 'named_imports' ? part.namedChildren : []) {
        const imported = specifier?.childForFieldName('name')?.text ?? '';
        names.functions.set(specifier?.childForFieldName('alias')?.text ?? imported, imported);
      }
    }
  }
  for (const declarator of index.of('variable_declarator')) {
    const name = declarator.childForFieldName('name');
    const value = declarator.childForFieldName('value');
    if (isRequire(value) && name?.type === 'identifier') names.modules.add(name.text);
    if (isRequire(value) && name?.type === 'object_pattern') {
      for (const part of name.namedChildren) {
        if (part?.type === 'shorthand_property_identifier_pattern') names.functions.set(part.text, part.text);
        if (part?.type === 'pair_pattern') names.functions.set(part.childForFieldName('value')?.text ?? '', part.childForFieldName('key')?.text ?? '');
      }
    }
  }
  // `const run = promisify(exec)` runs through a shell as exec does.
  for (const declarator of index.of('variable_declarator')) {
    const value = declarator.childForFieldName('value');
    if (value?.type !== 'call_expression' || !/(^|\.)promisify$/.test(value.childForFieldName('function')?.text ?? '')) continue;
    const wrapped = functionCalled(value.childForFieldName('arguments')?.namedChildren[0] ?? null, names);
    if (wrapped) names.functions.set(declarator.childForFieldName('name')?.text ?? '', wrapped);
  }
  return names;
}

/** The child_process function `callee` names, if it names one: `exec`, `cp.execSync`. */
function functionCalled(callee: Node | null, names: ChildProcessNames): string | undefined {
  if (callee?.type === 'identifier') return names.functions.get(callee.text);
  if (callee?.type !== 'member_expression' || !names.modules.has(callee.childForFieldName('object')?.text ?? '')) return undefined;
  return callee.childForFieldName('property')?.text;
}

/** Whether options passed to spawn say `shell: true`. */
function withShell(options: Node | undefined): boolean {
  return options?.type === 'object' && options.namedChildren.some((pair) => pair?.type === 'pair' && pair.childForFieldName('key')?.text === 'shell' && pair.childForFieldName('value')?.type === 'true');
}

export const childProcessShell: SyntaxRule = {
  id: 'js/shell-command-from-strings',
  languages: ECMASCRIPT,
  ...SHELL_TEACHING,
  types: ['import_statement', 'variable_declarator', 'call_expression'],
  mentions: /\bchild_process\b/,
  find(index) {
    const names = childProcessNames(index);
    if (names.functions.size === 0 && names.modules.size === 0) return [];
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      const called = functionCalled(call.childForFieldName('function'), names);
      if (!called) continue;
      const args = call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null) ?? [];
      const [first, second] = args;
      // exec(line), spawn(line, { shell: true }), spawn('sh', ['-c', line]): where the command line goes in.
      const argument = THROUGH_A_SHELL.has(called) || (WITH_ARGUMENTS.has(called) && withShell(args.at(-1))) ? first : undefined;
      const element = WITH_ARGUMENTS.has(called) && second?.type === 'array' && runsShell(first, second.namedChildren[0], JS_STRINGS) ? second.namedChildren[1] : undefined;
      const line = argument ?? element;
      const built = builtArgument(line, index, JS_STRINGS);
      if (line && built) hits.push(shellHit(line, called, built));
    }
    return hits;
  },
};
