import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { Evidence, Note, Severity } from '../tutor/types.js';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warn: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a diagnostic carries for the code actions asked about it. */
export interface NoteData {
  noteId: string;
}

/** The whole lines of a note (1-based, inclusive) as an editor range; `lineLength` gives a line's length (0-based). */
export function noteRange(note: Pick<Note, 'startLine' | 'endLine'>, lineLength: (line: number) => number): Range {
  return { start: { line: note.startLine - 1, character: 0 }, end: { line: note.endLine - 1, character: lineLength(note.endLine - 1) } };
}

/**
 * A note as an editor shows it on its lines: only the question (the rest of the ladder is climbed
 * on purpose, from hover and code actions), its rule id as the code, linked to the team's style
 * guide when that has an entry for it, else to the linter's page for a linter's rule.
 */
export function noteDiagnostic(note: Note, range: Range, styleLink: (ruleId: string) => string | undefined): Diagnostic {
  const href = styleLink(note.topic) ?? ruleDocs(note);
  const question = note.ladder.find((rung) => rung.level === 1)?.text ?? note.title;
  const data: NoteData = { noteId: note.id };
  return {
    range,
    severity: SEVERITY[note.severity],
    source: 'archangel',
    code: note.topic,
    ...(href ? { codeDescription: { href } } : {}),
    message: question,
    data,
  };
}

/** The documentation of the rule a note is about, when a linter's rule is its evidence. */
function ruleDocs(note: Note): string | undefined {
  const rules = note.evidence.filter((item): item is Extract<Evidence, { kind: 'rule' }> => item.kind === 'rule' && item.docsUrl !== undefined);
  return (rules.find((rule) => rule.ruleId === note.topic) ?? rules[0])?.docsUrl;
}
