/**
 * Identifier case conversion for the naming notes' last rung: `get_user_data` → `getUserData`.
 * Acronyms count as one word and are written like any other word in the target style
 * (`parseHTTPResponse` → `parse_http_response` → `parseHttpResponse`), which is what most style
 * guides ask for and what round-trips; privacy markers (`_name`, `$el`, `__x`) are kept.
 */

/** Splits an identifier into lowercase words: `parseHTTPResponse2` → `parse`, `http`, `response2`. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/**
 * `name` written in `style` (camelCase, PascalCase, snake_case, UPPER_SNAKE, kebab-case or Go's
 * mixedCaps), or undefined for any other style.
 */
export function convertCase(name: string, style: string): string | undefined {
  const match = /^([_$]*)(.*?)([_$]*)$/.exec(name);
  const [lead, core, trail] = [match?.[1] ?? '', match?.[2] ?? name, match?.[3] ?? ''];
  const words = splitWords(core);
  if (words.length === 0) return undefined;
  const joined = join(words, style, /^[A-Z]/.test(core));
  return joined === undefined ? undefined : `${lead}${joined}${trail}`;
}

function join(words: string[], style: string, startsUpper: boolean): string | undefined {
  const capital = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  const [first = '', ...rest] = words;
  switch (style) {
    case 'camelCase':
      return first + rest.map(capital).join('');
    case 'PascalCase':
      return words.map(capital).join('');
    case 'snake_case':
      return words.join('_');
    case 'UPPER_SNAKE':
      return words.join('_').toUpperCase();
    case 'kebab-case':
      return words.join('-');
    case 'mixedCaps':
      // Go: the first letter's case is visibility, so it is kept as the learner wrote it.
      return (startsUpper ? capital(first) : first) + rest.map(capital).join('');
    default:
      return undefined;
  }
}
