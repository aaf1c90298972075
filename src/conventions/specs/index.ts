import type { Language } from '../../index/language.js';
import { ecmascriptCalls } from '../api/ecmascript.js';
import { goCalls } from '../api/go.js';
import { javaCalls } from '../api/java.js';
import { pythonCalls } from '../api/python.js';
import type { LanguageSpec } from '../walk.js';
import { ECMASCRIPT } from './ecmascript.js';
import { PYTHON } from './python.js';
import { GO } from './go.js';
import { JAVA } from './java.js';
import { CSHARP } from './csharp.js';

/** Short rule-id prefixes; languages not listed use their own name. */
const PREFIX: Partial<Record<Language, string>> = {
  typescript: 'ts',
  tsx: 'tsx',
  javascript: 'js',
  python: 'py',
  go: 'go',
  java: 'java',
  csharp: 'cs',
  rust: 'rs',
  ruby: 'rb',
  kotlin: 'kt',
  shell: 'sh',
};

/** Languages with a syntax-aware spec; every other language is observed lexically. */
const SPECS: Partial<Record<Language, LanguageSpec>> = {
  typescript: { prefix: 'ts', ...ECMASCRIPT, calls: ecmascriptCalls },
  tsx: { prefix: 'tsx', ...ECMASCRIPT, calls: ecmascriptCalls },
  javascript: { prefix: 'js', ...ECMASCRIPT, calls: ecmascriptCalls },
  python: { prefix: 'py', ...PYTHON, calls: pythonCalls },
  go: { prefix: 'go', ...GO, calls: goCalls },
  java: { prefix: 'java', ...JAVA, calls: javaCalls },
  csharp: { prefix: 'cs', ...CSHARP },
};

/** The syntax-aware spec for a language, if it has one. */
export function specFor(language: Language): LanguageSpec | undefined {
  return SPECS[language];
}

/** The rule-id prefix of a language: `ts.naming.function`. */
export function rulePrefix(language: Language): string {
  return PREFIX[language] ?? language;
}
