import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import type { Node } from 'web-tree-sitter';
import { parse as parseSyntax } from '../../index/parse/tree-sitter.js';
import { isOffSetting, oxlintRuleId } from './rule-names.js';

/**
 * The linter config files read at a golden repo's root, and how each is read. JavaScript configs
 * (ESLint's flat `eslint.config.js`) are never run: the `rules` objects in them are read from the
 * syntax tree, which covers the way nearly every config writes them.
 */
const READERS: Readonly<Record<string, (text: string) => Promise<string[]> | string[]>> = {
  '.oxlintrc.json': (text) => jsonRules(json(text)),
  '.eslintrc.json': (text) => jsonRules(json(text)),
  '.eslintrc': (text) => jsonRules(json(text)),
  'package.json': (text) => jsonRules(objectAt(json(text), 'eslintConfig')),
  '.eslintrc.js': (text) => scriptRules(text, 'javascript'),
  '.eslintrc.cjs': (text) => scriptRules(text, 'javascript'),
  'eslint.config.js': (text) => scriptRules(text, 'javascript'),
  'eslint.config.mjs': (text) => scriptRules(text, 'javascript'),
  'eslint.config.cjs': (text) => scriptRules(text, 'javascript'),
  'eslint.config.ts': (text) => scriptRules(text, 'typescript'),
  'eslint.config.mts': (text) => scriptRules(text, 'typescript'),
  'ruff.toml': (text) => ruffIgnores(parseToml(text)),
  '.ruff.toml': (text) => ruffIgnores(parseToml(text)),
  'pyproject.toml': (text) => ruffIgnores(objectAt(parseToml(text), 'tool', 'ruff')),
};

/** The names of the config files this module reads. */
export const CONFIG_FILE_NAMES: readonly string[] = Object.keys(READERS);

/** The rule ids a config file turns off (as `Pitfall.ruleId` spells them); throws on a file that does not parse. */
export async function offRulesIn(fileName: string, text: string): Promise<string[]> {
  const read = READERS[fileName];
  return read ? await read(text) : [];
}

function json(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) throw new Error(`${printParseErrorCode(first.error)} at offset ${first.offset}`);
  return value;
}

function objectAt(value: unknown, ...keys: string[]): Record<string, unknown> | undefined {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : undefined;
}

/** `{ "rules": { "no-console": "off" } }`, as .oxlintrc.json and .eslintrc.json write it. */
function jsonRules(config: unknown): string[] {
  const rules = objectAt(config, 'rules') ?? {};
  return Object.entries(rules)
    .filter(([, setting]) => isOffSetting(setting))
    .map(([name]) => oxlintRuleId(name));
}

/** Ruff's `ignore` and `extend-ignore`, at the top level or under `lint` (ruff.toml, or pyproject's `[tool.ruff]`). */
function ruffIgnores(config: Record<string, unknown> | undefined): string[] {
  const tables = [config, objectAt(config, 'lint')];
  const codes = tables.flatMap((table) => ['ignore', 'extend-ignore'].flatMap((key) => table?.[key] ?? []));
  return codes.filter((code): code is string => typeof code === 'string').map((code) => (code === 'ALL' ? 'ruff/' : `ruff/${code}`));
}

/** Every `rules: { 'name': 'off' }` in a JavaScript or TypeScript config, wherever it sits. */
async function scriptRules(text: string, language: 'javascript' | 'typescript'): Promise<string[]> {
  const tree = await parseSyntax(text, language);
  if (!tree) throw new Error('tree-sitter could not parse it');
  try {
    const off: string[] = [];
    const visit = (node: Node): void => {
      if (node.type === 'pair' && keyOf(node) === 'rules' && node.childForFieldName('value')?.type === 'object') {
        for (const rule of node.childForFieldName('value')?.namedChildren ?? []) {
          const name = rule?.type === 'pair' ? keyOf(rule) : undefined;
          if (name && isOffSetting(literalOf(rule?.childForFieldName('value') ?? null))) off.push(oxlintRuleId(name));
        }
      }
      for (const child of node.namedChildren) if (child) visit(child);
    };
    visit(tree.rootNode);
    return off;
  } finally {
    tree.delete();
  }
}

/** The key of an object pair: `rules`, `'rules'` or `"no-console"`. */
function keyOf(pair: Node): string | undefined {
  const key = pair.childForFieldName('key');
  if (!key) return undefined;
  if (key.type === 'string') return key.text.slice(1, -1);
  return key.type === 'property_identifier' ? key.text : undefined;
}

/** A string or number literal's value, the first of an array's; undefined for anything computed. */
function literalOf(node: Node | null): unknown {
  if (!node) return undefined;
  if (node.type === 'string') return node.text.slice(1, -1);
  if (node.type === 'number') return Number(node.text);
  if (node.type === 'array') return [literalOf(node.namedChildren[0] ?? null)];
  return undefined;
}
