import { withoutComments } from '../context/calls.js';
import type { Language } from '../../index/language.js';

/**
 * How code reads configuration instead of holding it, per language: environment variables and the
 * usual configuration libraries. A credential's note shows golden code that does this.
 */
const CONFIG_READ: Partial<Record<Language, RegExp>> = {
  typescript: /\bprocess\.env\b|\bimport\.meta\.env\b|\bDeno\.env\b|\bconfig\.get\s*\(|\bdotenv\b/,
  tsx: /\bprocess\.env\b|\bimport\.meta\.env\b|\bconfig\.get\s*\(/,
  javascript: /\bprocess\.env\b|\bimport\.meta\.env\b|\bconfig\.get\s*\(|\bdotenv\b/,
  // `os.environ`, not any `environ`: a WSGI app's `environ.get("PATH_INFO")` reads the request (a bare name counts when the file imports it from os).
  python: /\bos\.environ\b|\bos\.getenv\s*\(|\bsettings\.[A-Z_]{3,}|\bconfig(?:parser)?\.get\s*\(|\bdotenv\b/,
  java: /\bSystem\.getenv\s*\(|\bSystem\.getProperty\s*\(|@Value\s*\(|\bgetProperty\s*\(/,
  go: /\bos\.Getenv\s*\(|\bos\.LookupEnv\s*\(|\bviper\.Get\w*\s*\(|\benvconfig\b/,
  csharp: /\bEnvironment\.GetEnvironmentVariable\s*\(|\bConfiguration\s*\[|\bIConfiguration\b/,
  ruby: /\bENV\s*\[|\bENV\.fetch\s*\(|\bRails\.application\.credentials\b/,
  php: /\bgetenv\s*\(|\$_ENV\s*\[|\benv\s*\(/,
  rust: /\benv::var\s*\(|\bstd::env::var\s*\(/,
};

/** Words that find such code in the golden index when nothing like the learner's lines reads configuration. */
const CONFIG_READ_WORDS: Partial<Record<Language, string>> = {
  typescript: 'process env',
  tsx: 'process env',
  javascript: 'process env',
  python: 'os environ getenv',
  java: 'System getenv getProperty',
  go: 'os Getenv LookupEnv',
  csharp: 'Environment GetEnvironmentVariable',
  ruby: 'ENV fetch',
  php: 'getenv',
  rust: 'env var',
};

export function configReadWords(language: Language): string | undefined {
  return CONFIG_READ_WORDS[language];
}

/** `from os import environ, getenv`: the names that then read the environment bare. */
const PYTHON_OS_IMPORT = /^from\s+os\s+import\s+([\w, ]*\b(?:environ|getenv)\b[\w, ]*)$/m;

/** The first line of `text` (1-based) that reads configuration the language's usual way, or undefined; comments do not count ("Defaults to process.env.X"). */
export function configReadIn(text: string, language: Language): { start: number; end: number } | undefined {
  const pattern = CONFIG_READ[language];
  if (!pattern) return undefined;
  const imported = language === 'python' ? PYTHON_OS_IMPORT.exec(text)?.[1] : undefined;
  const bare = imported ? new RegExp(`(?<![\\w.])(?:${imported.split(/\s*,\s*/).filter((name) => name === 'environ' || name === 'getenv').join('|')})\\b`) : undefined;
  const index = withoutComments(text)
    .split('\n')
    .findIndex((line) => pattern.test(line) || (bare !== undefined && !/^\s*from\s+os\s+import\b/.test(line) && bare.test(line)));
  return index === -1 ? undefined : { start: index + 1, end: index + 1 };
}
