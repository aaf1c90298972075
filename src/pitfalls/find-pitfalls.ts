import { touches } from '../conventions/check.js';
import { messageOf } from '../errors/archangel-error.js';
import { debug } from '../log/logger.js';
import { createOxlintEngine } from './engines/oxlint.js';
import { createRuffEngine } from './engines/ruff.js';
import { createSyntaxEngine } from './engines/syntax.js';
import { isTurnedOff } from './golden-config/types.js';
import { reasonOf } from './reason.js';
import { mostImportantFirst, surestFailureFirst } from '../importance/concern.js';
import type { Engine, Pitfall, PitfallFile, PitfallOptions, PitfallReport } from './types.js';

/** Engines kept for the life of a process: Ruff's WASM stays loaded and oxlint's server stays up. */
export interface PitfallFinder {
  find(file: PitfallFile, options?: PitfallOptions): Promise<PitfallReport>;
  /** Stops what the engines keep running (oxlint's server). */
  close(): Promise<void>;
}

/** The engines ArchAngel runs: oxlint (JS/TS), Ruff (Python), and our syntax checks (Java, Go, JS/TS extras). */
export function defaultEngines(): Engine[] {
  return [createOxlintEngine(), createRuffEngine(), createSyntaxEngine()];
}

export function createPitfallFinder(engines: Engine[] = defaultEngines()): PitfallFinder {
  return {
    async find(file, options = {}) {
      const pitfalls: Pitfall[] = [];
      const notices: string[] = [];
      const runs = engines.filter((engine) => engine.handles(file.language));
      const results = await Promise.allSettled(runs.map((engine) => engine.check(file)));
      results.forEach((result, i) => {
        const engine = runs[i]?.name ?? 'a linter';
        if (result.status === 'rejected') {
          debug('pitfalls', `${engine} failed on ${file.path}`, { error: result.reason instanceof Error ? result.reason.stack : messageOf(result.reason) });
          notices.push(`${engine} could not check ${file.path} (${reasonOf(result.reason)}); the review goes on without it.`);
          return;
        }
        for (const pitfall of result.value) {
          if (touches(options.changed, pitfall.startLine, pitfall.endLine) && !isTurnedOff(pitfall.ruleId, options.goldenConfig)) pitfalls.push(pitfall);
        }
      });
      return { pitfalls: pitfalls.sort(byImportance), notices };
    },
    async close() {
      await Promise.all(engines.map((engine) => engine.close?.()));
    },
  };
}

let shared: PitfallFinder | undefined;

/**
 * The pitfalls on the changed lines of one saved file, most important first (security, then
 * correctness, design, style; then by line), leaving out rules a golden repo turned off. An engine
 * that cannot load or fails on the file adds one line to `notices` and the others still report.
 * The engines stay loaded for the process: call `closePitfalls()` when done.
 */
export function findPitfalls(file: PitfallFile, options: PitfallOptions = {}): Promise<PitfallReport> {
  shared ??= createPitfallFinder();
  return shared.find(file, options);
}

/** Stops the engines `findPitfalls` started. */
export async function closePitfalls(): Promise<void> {
  const finder = shared;
  shared = undefined;
  await finder?.close();
}

function byImportance(a: Pitfall, b: Pitfall): number {
  return mostImportantFirst(a, b) || surestFailureFirst(a, b) || a.startLine - b.startLine || a.ruleId.localeCompare(b.ruleId);
}
