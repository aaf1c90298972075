import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { Language } from '../../index/language.js';
import { questionFor, titleFromMessage } from '../teach.js';
import type { Concern, Engine, Pitfall, PitfallFile } from '../types.js';
import { OXLINT_DEFAULT_CONCERN, OXLINT_RULES, oxlintConfig } from './oxlint-rules.js';
import { OxlintServer } from './oxlint-server.js';

/** The LSP language id of each language oxlint reads (TSX and JSX share a grammar with their base). */
const LANGUAGE_IDS: Partial<Record<Language, string>> = {
  typescript: 'typescript',
  tsx: 'typescriptreact',
  javascript: 'javascript',
};

/** oxlint's diagnostic code, `eslint(no-eval)` or `react-hooks(rules-of-hooks)`. */
const CODE = /^([\w-]+)\((.+)\)$/;

/**
 * oxlint for JavaScript and TypeScript, through one language server per process started on the
 * first such file and kept for `watch`. A server that stopped (crashed, killed) is started again
 * on the next file, so one bad moment costs one notice, not the rest of the session.
 */
export function createOxlintEngine(options: { script?: string } = {}): Engine {
  let server: OxlintServer | undefined;
  const running = (): OxlintServer => {
    if (!server || server.stopped) server = new OxlintServer({ config: oxlintConfig(), ...options });
    return server;
  };
  return {
    name: 'oxlint',
    handles: (language) => LANGUAGE_IDS[language] !== undefined,
    async check(file: PitfallFile): Promise<Pitfall[]> {
      const diagnostics = await running().lint(file.path, LANGUAGE_IDS[file.language] ?? 'javascript', file.text);
      return diagnostics.flatMap((diagnostic) => {
        const pitfall = toPitfall(diagnostic);
        return pitfall ? [pitfall] : [];
      });
    },
    async close(): Promise<void> {
      await server?.close();
      server = undefined;
    },
  };
}

function toPitfall(diagnostic: Diagnostic): Pitfall | undefined {
  const match = typeof diagnostic.code === 'string' ? CODE.exec(diagnostic.code) : null;
  if (!match) return undefined;
  const [, scope = '', rule = ''] = match;
  const name = scope === 'eslint' ? rule : `${scope}/${rule}`;
  const own = OXLINT_RULES[name];
  const concern: Concern = own?.concern ?? OXLINT_DEFAULT_CONCERN;
  // oxlint writes its advice after the message: "Checking equality with NaN...\nhelp: Use isNaN".
  const text = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  const [message = '', ...rest] = text.split('\nhelp: ');
  const fix = rest.join('\n').trim();
  return {
    engine: 'oxlint',
    ruleId: `oxlint/${name}`,
    docsUrl: diagnostic.codeDescription?.href ?? 'https://oxc.rs/docs/guide/usage/linter/rules.html',
    concern,
    ...(own?.failure ? { failure: own.failure } : {}),
    startLine: diagnostic.range.start.line + 1,
    endLine: diagnostic.range.end.line + 1,
    message,
    title: own?.title ?? titleFromMessage(message),
    question: questionFor(concern, own?.question),
    ...(fix ? { fix } : {}),
  };
}
