import type { Language } from '../../../index/language.js';
import type { ChangeBuilder } from '../types.js';
import { rewriteLines } from './lines.js';

/**
 * The last rung for a credential in the code: the literal replaced by a read of the environment,
 * in the language's usual way, under a name made from the variable it was assigned to.
 */

const ENV_READ: Partial<Record<Language, (name: string) => string>> = {
  typescript: (name) => `process.env.${name}`,
  tsx: (name) => `process.env.${name}`,
  javascript: (name) => `process.env.${name}`,
  python: (name) => `os.environ["${name}"]`,
  java: (name) => `System.getenv("${name}")`,
  go: (name) => `os.Getenv("${name}")`,
  csharp: (name) => `Environment.GetEnvironmentVariable("${name}")`,
  ruby: (name) => `ENV.fetch("${name}")`,
  php: (name) => `getenv('${name}')`,
  rust: (name) => `std::env::var("${name}")?`,
};

/** A quoted literal holding a redacted secret (the value itself never reaches the mentor). */
const SECRET_LITERAL = /(["'`])[^"'`\n]*\[REDACTED:([\w-]+)\][^"'`\n]*\1/;
/** The name a literal is assigned to: `stripeKey = "…"`, `API_TOKEN: str = "…"`, `"apiKey": "…"`. */
const ASSIGNED_TO = /["']?([A-Za-z_$][\w$]*)["']?\s*(?::\s*[\w$.<>[\]| ]{1,40})?\s*(?:=|:=|:)\s*$/;

export const readFromEnvironment: ChangeBuilder = (draft) => {
  const read = draft.hunk.language ? ENV_READ[draft.hunk.language] : undefined;
  return rewriteLines(
    draft,
    (line) => {
      const match = SECRET_LITERAL.exec(line);
      if (!read || !match || match.index === undefined) return undefined;
      const name = envName(ASSIGNED_TO.exec(line.slice(0, match.index))?.[1] ?? match[2] ?? 'SECRET');
      return [`${line.slice(0, match.index)}${read(name)}${line.slice(match.index + match[0].length)}`];
    },
    'Put the value in the environment where the program runs (or the team\'s secret store), never in a file git tracks; if this one was ever committed or pushed, revoke it and issue a new one.',
    'Read the credential from the environment (or the team\'s secret store) at run time instead of writing it in the code.',
  );
};

/** `stripeKey` → `STRIPE_KEY`, `api-token` → `API_TOKEN`. */
function envName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** A file of secrets git can see: ignore it, stop tracking it, and revoke what it held if it was pushed. */
export const ignoreSecretFile: ChangeBuilder = (draft) => {
  const path = draft.hunk.path;
  return {
    text: [
      `Keep \`${path}\` out of git, and commit an example with the names only:`,
      '',
      '```sh',
      `echo '${path}' >> .gitignore`,
      `git rm --cached --ignore-unmatch '${path}'`,
      '```',
      '',
      'If it was ever pushed, revoke and reissue every value it holds: the old commits still have them.',
    ].join('\n'),
    fixed: [],
  };
};
