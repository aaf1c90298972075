import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A constructor that takes values and never uses them: `public UserData(String e, String pw) { }`,
 * `def __init__(self, name, age): pass`. Every caller passes them believing they are kept, and
 * every object comes out without them (null fields, defaults): the bug surfaces far away, where a
 * field is read. Found only when *no* parameter is used, so an overload that ignores one argument
 * on purpose is left alone; `*args`/`**kwargs`, TypeScript's parameter properties
 * (`constructor(private http: HttpClient) {}`) and names starting with `_` count as used.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'constructor ignores its arguments',
  question: 'What happens to the values a caller passes to this constructor, and what do the new object\'s fields hold afterwards?',
  fix: 'Store what the constructor is given (`this.email = email;`, `self.name = name`), or take away the parameters it does not need so no caller believes they are kept',
} as const;

interface ConstructorGrammar {
  id: string;
  docsUrl: string;
  languages: readonly ParsedLanguage[];
  types: readonly string[];
  /** The constructor's parameter list, the parameters a caller passes, and its body, when `node` is a constructor with a body. */
  constructorParts(node: Node): ConstructorParts | undefined;
  /** The names a parameter binds that must be used; none for one that is used by being declared. */
  names(parameter: Node): string[];
}

interface ConstructorParts {
  list: Node;
  parameters: Node[];
  body: Node;
}

const ON_PURPOSE = /^_/;
const STUB = /^(?:(?:"{3}[^]*?"{3}|'{3}[^]*?'{3})\s*)?\.\.\.$/;

/** The usual shape: a `parameters` list whose every entry a caller passes, and a `body`. */
function parts(node: Node): ConstructorParts | undefined {
  const list = node.childForFieldName('parameters');
  const body = node.childForFieldName('body');
  return list && body ? { list, parameters: code(list.namedChildren), body } : undefined;
}

function identifierText(node: Node | null | undefined): string[] {
  return node?.type === 'identifier' ? [node.text] : [];
}

function ignoredParameters(grammar: ConstructorGrammar): SyntaxRule {
  return {
    id: grammar.id,
    languages: grammar.languages,
    ...TEACHING,
    docsUrl: grammar.docsUrl,
    types: grammar.types,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const node of grammar.types.flatMap((type) => index.of(type))) {
        const parts = grammar.constructorParts(node);
        if (!parts) continue;
        const { parameters } = parts;
        const names = parameters.flatMap((parameter) => grammar.names(parameter));
        if (names.length === 0 || names.length !== parameters.length || names.some((name) => ON_PURPOSE.test(name))) continue;
        const mentioned = (name: string): boolean => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(parts.body.text);
        // A body of only `...` (after a docstring) is a stub, a Protocol's or an overload's, not a constructor that forgets.
        if (names.some(mentioned) || /\b(?:arguments|locals|vars)\b/.test(parts.body.text) || STUB.test(parts.body.text.trim())) continue;
        hits.push({ node: parts.list, message: `The constructor takes ${names.map((name) => `\`${name}\``).join(', ')} and never uses ${names.length === 1 ? 'it' : 'them'}: what callers pass is dropped.` });
      }
      return hits;
    },
  };
}

export const IGNORED_PARAMETER_RULES: readonly SyntaxRule[] = [
  ignoredParameters({
    id: 'java/constructor-ignores-arguments',
    languages: ['java'],
    docsUrl: 'https://docs.oracle.com/javase/tutorial/java/javaOO/constructors.html',
    types: ['constructor_declaration'],
    constructorParts: parts,
    names: (parameter) => (parameter.type === 'formal_parameter' ? identifierText(parameter.childForFieldName('name')) : []),
  }),
  ignoredParameters({
    id: 'python/constructor-ignores-arguments',
    languages: ['python'],
    docsUrl: 'https://docs.python.org/3/tutorial/classes.html#class-objects',
    types: ['function_definition'],
    constructorParts(node) {
      const found = node.childForFieldName('name')?.text === '__init__' && node.parent?.parent?.type === 'class_definition' ? parts(node) : undefined;
      // `self` is the object being made, not an argument a caller passes.
      const [self, ...rest] = found?.parameters ?? [];
      return found && self?.type === 'identifier' ? { ...found, parameters: rest } : undefined;
    },
    names(parameter) {
      if (parameter.type === 'identifier') return [parameter.text];
      if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') return identifierText(parameter.childForFieldName('name'));
      if (parameter.type === 'typed_parameter') return identifierText(parameter.namedChildren[0]);
      return [];
    },
  }),
  ignoredParameters({
    id: 'js/constructor-ignores-arguments',
    languages: ECMASCRIPT,
    docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Classes/constructor',
    types: ['method_definition'],
    constructorParts: (node) => (node.childForFieldName('name')?.text === 'constructor' ? parts(node) : undefined),
    names(parameter) {
      if (parameter.type === 'identifier') return [parameter.text];
      if (parameter.type === 'assignment_pattern') return identifierText(parameter.childForFieldName('left'));
      // TypeScript: `private http: HttpClient` declares a field from the parameter; it is used by being there.
      if (parameter.type !== 'required_parameter' && parameter.type !== 'optional_parameter') return [];
      if (parameter.namedChildren.some((child) => child?.type === 'accessibility_modifier' || child?.type === 'override_modifier') || /^readonly\b/.test(parameter.text)) return [];
      return identifierText(parameter.childForFieldName('pattern'));
    },
  }),
];
