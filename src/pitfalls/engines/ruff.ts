import type { Diagnostic, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { questionFor } from '../teach.js';
import type { Engine, Pitfall, PitfallFile } from '../types.js';
import { withReadOnlyDefaultsDemoted } from './ruff-defaults.js';
import { RUFF_RULES, type RuffRule } from './ruff-rules.js';

const RULES = new Map(RUFF_RULES.map((rule) => [rule.code, rule]));

/**
 * Ruff, from its WebAssembly build, in this process. Loading it costs about 330 ms (module and
 * WASM init), so it happens on the first Python file, once per process, and `watch` keeps it warm.
 * A load that fails is remembered: each later check reports the same failure without retrying.
 */
export function createRuffEngine(select: readonly string[] = RUFF_RULES.map((rule) => rule.code)): Engine {
  let workspace: Promise<Workspace> | undefined;
  const load = (): Promise<Workspace> => {
    workspace ??= import('@astral-sh/ruff-wasm-nodejs').then((ruff) => new ruff.Workspace({ lint: { select } }, ruff.PositionEncoding.Utf16));
    return workspace;
  };
  return {
    name: 'ruff',
    handles: (language) => language === 'python',
    async check(file: PitfallFile): Promise<Pitfall[]> {
      const diagnostics = (await load()).check(file.text) as Diagnostic[];
      const lines = file.text.split('\n');
      const pitfalls = diagnostics.flatMap((diagnostic) => {
        // A syntax error has no code: the editor already shows it, and it is no pitfall to teach.
        const rule = diagnostic.code === null ? undefined : RULES.get(diagnostic.code);
        if (!rule || rule.harmlessWhen?.test(diagnostic.message)) return [];
        const pitfall = toPitfall(rule, diagnostic);
        if (rule.harmlessLine?.test(lines[pitfall.startLine - 1] ?? '')) return [];
        return [rule.certainWhen?.test(lines[pitfall.startLine - 1] ?? '') ? { ...pitfall, failure: 'certain' as const } : pitfall];
      });
      return withReadOnlyDefaultsDemoted(pitfalls, file.text);
    },
  };
}

function toPitfall(rule: RuffRule, diagnostic: Diagnostic): Pitfall {
  const fix = diagnostic.fix?.message ?? undefined;
  return {
    engine: 'ruff',
    ruleId: `ruff/${rule.code}`,
    docsUrl: `https://docs.astral.sh/ruff/rules/${rule.name}/`,
    concern: rule.concern,
    ...(rule.failure ? { failure: rule.failure } : {}),
    startLine: diagnostic.start_location.row,
    endLine: diagnostic.end_location.row,
    message: diagnostic.message,
    title: rule.title,
    question: questionFor(rule.concern, rule.question),
    ...(fix ? { fix } : {}),
  };
}
