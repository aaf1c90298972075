/**
 * Values that stand for a secret without being one: templates, masks, examples and reads of the
 * environment. Redacting them would hide what the learner wrote (`API_KEY=<your key>`) for nothing.
 */
const TEMPLATE = /^(\$\{[^}]*\}|\$\(.*\)|\$[A-Za-z_]\w*|\{\{.*\}\}|<[^>]*>|%[sd]|%\([^)]*\)s|\[[^\]]*\]|#\{.*\})$/;
const SAME_CHAR = /^(.)\1*$/;
const MASK = /\*{3}|x{4}|X{4}|\.{3}|…/;
const EXAMPLE_WORD =
  /^(change[-_ ]?me|changeit|password|passwd|secret|token|api[-_ ]?key|key|example|sample|dummy|placeholder|fake|test|testing|todo|tbd|none|null|nil|undefined|true|false|yes|no|on|off|string|redacted|(your|my|insert|enter|put|replace|add)[-_ ].*|.*[-_ ](here|goes[-_ ]here))$/i;
const ENV_READ = /process\.env|import\.meta\.env|os\.environ|getenv|ENV\[|env\(|System\.getenv|secrets\./;

/** True when `value` is empty, a template, a mask, an example word or a read of the environment. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed === '' ||
    TEMPLATE.test(trimmed) ||
    SAME_CHAR.test(trimmed) ||
    MASK.test(trimmed) ||
    EXAMPLE_WORD.test(trimmed) ||
    ENV_READ.test(trimmed) ||
    trimmed.startsWith('[REDACTED:')
  );
}
