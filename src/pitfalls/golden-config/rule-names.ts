/**
 * ESLint and oxlint configs name a plugin's rules by the plugin's package name; oxlint reports them
 * by its own plugin name. These are the names that differ.
 */
const PLUGIN_ALIASES: Readonly<Record<string, string>> = {
  '@typescript-eslint': 'typescript',
  'typescript-eslint': 'typescript',
  n: 'node',
  'import-x': 'import',
  '@next/next': 'nextjs',
  'jsx-a11y-x': 'jsx-a11y',
};

/** The `Pitfall.ruleId` of a rule as an ESLint or oxlint config names it: `@typescript-eslint/no-explicit-any` → `oxlint/typescript/no-explicit-any`. */
export function oxlintRuleId(configName: string): string {
  const slash = configName.lastIndexOf('/');
  if (slash === -1) return `oxlint/${configName}`;
  const plugin = configName.slice(0, slash);
  const rule = configName.slice(slash + 1);
  const name = PLUGIN_ALIASES[plugin] ?? plugin;
  return name === 'eslint' ? `oxlint/${rule}` : `oxlint/${name}/${rule}`;
}

/** Whether an ESLint/oxlint rule setting turns the rule off: `"off"`, `0`, or either first in an array. */
export function isOffSetting(setting: unknown): boolean {
  const level = Array.isArray(setting) ? (setting as unknown[])[0] : setting;
  return level === 'off' || level === 0 || level === 'allow';
}
