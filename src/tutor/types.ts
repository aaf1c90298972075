/**
 * The mentor's vocabulary, shared by the offline mentor, the Claude tutor and every consumer
 * (TUI, plain text, JSON). A tutor is an `AsyncGenerator<TutorEvent>`; consumers switch on `type`
 * exhaustively.
 */

import type { Citation } from '../index/citation.js';

export type { Citation };

/**
 * Why a note can claim what it says: retrieved golden code ("how we do it here"), a learned
 * convention (with how many golden cases follow it), or a rule known without the golden code (a
 * credential in the change, a linter's correctness rule), with where to read more.
 */
export type Evidence =
  | {
      kind: 'golden';
      id: string;
      citation: Citation;
      snippet: string;
      symbol?: string | null;
      /** Why this golden code was chosen, in a few words ("calls requests.get; handles the error"). */
      why?: string;
      /** It makes the same calls as the learner's lines (code doing the same job), not only shows a habit. */
      comparable?: boolean;
      /** Chosen for the fix it shows, what the learner's lines leave out ("reads its configuration instead of holding it"). */
      fix?: string;
    }
  | { kind: 'convention'; id: string; ruleId: string; statement: string; support: number; confidence: number; examples: Citation[] }
  | {
      kind: 'rule';
      id: string;
      ruleId: string;
      /** What the rule asks for, as a sentence. */
      statement: string;
      /** Who knows the rule: `archangel` (credentials), `ruff`, `oxlint`, `tree-sitter`... */
      source: string;
      docsUrl?: string;
    };

export type { Severity } from '../importance/concern.js';
import type { Severity } from '../importance/concern.js';

/** The hint ladder: 1 question, 2 hint, 3 golden example beside the learner's code, 4 the change. */
export type HintLevel = 1 | 2 | 3 | 4;

export interface Rung {
  level: HintLevel;
  text: string;
  /**
   * A stand-in the tool wrote because the mentor left this rung out (or the reply was cut): a model
   * tutor writes it afresh when the learner climbs to it.
   */
  stock?: boolean;
}

export interface Note {
  /** Stable across saves while the code and the topic stay the same (dedup and dismissals use it). */
  id: string;
  path: string;
  startLine: number;
  endLine: number;
  /** A convention rule id (`ts.naming.function`) or a topic (`error-handling`). */
  topic: string;
  severity: Severity;
  /** A few words: "error handling", "naming". */
  title: string;
  /** Exactly four rungs, levels 1 to 4. Levels 1-3 never contain code blocks or the literal fix. */
  ladder: Rung[];
  evidence: Evidence[];
  source: 'offline' | 'model';
  /** The stream was cut while this note was being written; what arrived is kept. */
  partial?: boolean;
  /** The rung shown first: 2 on a topic the learner struggles with (src/progress/adapt.ts); 1 when absent. */
  opensAt?: HintLevel;
  /** Why the mentor said more or less than usual, in a few words ("mastered: one line"). */
  adapted?: string;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Estimated from the model's list price; undefined when the price is unknown. */
  costUsd?: number;
  model?: string;
}

export type TutorEvent =
  | { type: 'note-start'; note: Pick<Note, 'id' | 'path' | 'startLine' | 'endLine' | 'topic' | 'severity' | 'title' | 'source'> }
  | { type: 'text'; noteId: string; text: string }
  | { type: 'citation'; noteId: string; evidence: Evidence }
  | { type: 'note-end'; note: Note }
  | { type: 'error'; message: string; hint?: string; fatal: boolean }
  /** The model has not started answering a while after the request: what is being waited for, said once. */
  | { type: 'waiting'; message: string }
  | { type: 'done'; notes: number; usage?: Usage };
