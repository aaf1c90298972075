import type { Finding } from '../../conventions/types.js';
import type { Concern } from '../../importance/concern.js';
import type { HunkContext } from '../../review/context/types.js';
import type { Evidence } from '../types.js';

/** Golden code retrieved for a finding: the snippet the UI shows beside the learner's lines. */
export type GoldenEvidence = Extract<Evidence, { kind: 'golden' }>;
/** A learned convention with its support and confidence. */
export type ConventionEvidence = Extract<Evidence, { kind: 'convention' }>;
/** A rule known without the golden code: a credential in the change, a linter's correctness rule. */
export type RuleEvidence = Extract<Evidence, { kind: 'rule' }>;

/**
 * One idea the offline mentor may raise: every finding of one rule in one hunk, with the evidence
 * that grounds it. Ranked and cut before any text is written.
 */
export interface Draft {
  /** The full rule id, `ts.naming.function`; the note's topic. */
  ruleId: string;
  /** The rule id without its language prefix, `naming.function`: what the rule table is keyed by. */
  key: string;
  category: string;
  /** What the departure costs: the first key of the order notes come in. */
  concern: Concern;
  severity: Finding['severity'];
  /** How surely its fault shows: the surest of its findings' (src/importance). */
  failure?: Finding['failure'];
  hunk: HunkContext;
  /** The findings merged into this note, by line; for a size rule the largest first. */
  findings: Finding[];
  /** Where the note points: every finding's lines, or for a size rule only the largest one's. */
  startLine: number;
  endLine: number;
  /** Every line the findings point at, including the repeats a grouped finding lists in its message. */
  lines: number[];
  /** What the note rests on: the convention departed from, or the rule broken. */
  grounds: ConventionEvidence | RuleEvidence;
  /** Golden examples of the convention, best first (may be empty: then L3 cites the convention's examples). */
  golden: GoldenEvidence[];
}

/** What a rule's last-rung builder returns. */
export interface Change {
  /** The concrete change: a minimal diff in a fence, a rename, or where to split. */
  text: string;
  /** Literal replacements (`getUserData`) that must not appear before the last rung. */
  fixed: string[];
}

/** Builds the last rung's change for a draft; pure, no I/O. */
export type ChangeBuilder = (draft: Draft) => Change;
