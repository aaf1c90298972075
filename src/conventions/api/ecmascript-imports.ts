import type { Node } from 'web-tree-sitter';

/**
 * What a JavaScript or TypeScript file's imports and requires bind, read from its syntax tree:
 * each local name with the specifier it comes from (as written: `node:fs/promises`, `./mailer`)
 * and the members taken from it (`readFile` of `import { readFile } from 'fs/promises'`; none for a
 * default or namespace import, or `const m = require('m')`).
 */
export type Bind = (local: string, specifier: string, members: readonly string[]) => void;

export function stringValue(node: Node | null | undefined): string | undefined {
  return node?.type === 'string' ? node.text.slice(1, -1) : undefined;
}

/** What an `import` statement binds: default and namespace imports the module, named ones its member. */
export function readImport(node: Node, bind: Bind): void {
  const specifier = stringValue(node.childForFieldName('source'));
  const clause = node.namedChildren.find((c) => c.type === 'import_clause');
  if (specifier === undefined || !clause) return;
  for (const part of clause.namedChildren) {
    if (part.type === 'identifier') bind(part.text, specifier, []);
    else if (part.type === 'namespace_import') {
      const name = part.namedChildren.find((c) => c.type === 'identifier')?.text;
      if (name) bind(name, specifier, []);
    } else if (part.type === 'named_imports') {
      for (const imported of part.namedChildren.filter((c) => c.type === 'import_specifier')) {
        const name = imported.childForFieldName('name')?.text;
        const alias = imported.childForFieldName('alias')?.text ?? name;
        if (name && alias) bind(alias, specifier, [name]);
      }
    }
  }
}

/** What `const x = require('m')`, `const { a, b: c } = require('m')` and `const y = require('m').y` bind. */
export function readRequire(declarator: Node, bind: Bind): void {
  let value = declarator.childForFieldName('value');
  const members: string[] = [];
  while (value?.type === 'member_expression') {
    members.unshift(value.childForFieldName('property')?.text ?? '');
    value = value.childForFieldName('object');
  }
  if (value?.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') return;
  const specifier = stringValue(value.childForFieldName('arguments')?.namedChildren[0]);
  if (specifier === undefined) return;
  const name = declarator.childForFieldName('name');
  if (name?.type === 'identifier') bind(name.text, specifier, members);
  else if (name?.type === 'object_pattern') {
    for (const property of name.namedChildren) {
      if (property.type === 'shorthand_property_identifier_pattern') bind(property.text, specifier, [...members, property.text]);
      else if (property.type === 'pair_pattern') {
        const key = property.childForFieldName('key')?.text;
        const local = property.childForFieldName('value');
        if (key && local?.type === 'identifier') bind(local.text, specifier, [...members, key]);
      }
    }
  }
}
