import type { ParsedLanguage } from '../../src/index/language.js';
import { parse } from '../../src/index/parse/tree-sitter.js';
import { bagOf, type Bag } from './rankers.js';

/**
 * Structure features in the manner of Aroma (Luan et al., OOPSLA 2019): each named node's path from
 * its grandparent (`for_statement>binary_expression>identifier`), and each identifier with its
 * role, the parent node and field it sits in (`call.function|print`), so call, type and local names
 * are told apart. Only the benchmark computes them, to measure whether they help.
 */
export async function syntaxFeatures(text: string, language: ParsedLanguage): Promise<{ paths: Bag; roles: Bag }> {
  const paths: string[] = [];
  const roles: string[] = [];
  const tree = await parse(text, language);
  if (!tree) return { paths: new Map(), roles: new Map() };
  const cursor = tree.walk();
  const ancestors: string[] = [];
  try {
    for (;;) {
      const type = cursor.nodeType;
      const named = cursor.nodeIsNamed;
      if (named && type !== 'comment') {
        paths.push(`${ancestors.at(-2) ?? ''}>${ancestors.at(-1) ?? ''}>${type}`);
        if (cursor.currentNode.childCount === 0 && /identifier|name/.test(type)) roles.push(`${ancestors.at(-1) ?? ''}.${cursor.currentFieldName ?? ''}|${cursor.nodeText.toLowerCase()}`);
      }
      if (cursor.gotoFirstChild()) {
        ancestors.push(named ? type : (ancestors.at(-1) ?? ''));
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { paths: bagOf(paths), roles: bagOf(roles) };
        ancestors.pop();
      }
    }
  } finally {
    cursor.delete();
    tree.delete();
  }
}
