import { SEVERITY_MARK } from '../tutor/severity.js';
import type { Note } from '../tutor/types.js';
import { formatEvidence, placeOf } from '../review/render-notes.js';
import { withoutRulesSentence } from '../conventions/coverage.js';
import type { WatchController, WatchEvent } from './types.js';

/**
 * `watch` without a TTY (a pipe, CI, an editor's output panel): one plain line per thing that
 * happens, instead of failing with "Raw mode is not supported". Notes show their question and
 * evidence; the other rungs need the interactive view.
 */
export function attachPlainView(controller: WatchController, write: (line: string) => void): () => void {
  // A log says once which languages are held to no convention, not on every save.
  const told = new Set<string>();
  return controller.subscribe((event) => {
    const untold = event.type === 'changes' ? event.withoutRules.filter((language) => !told.has(language)) : [];
    untold.forEach((language) => told.add(language));
    const line = untold.length > 0 ? `note: ${withoutRulesSentence(untold)}` : plainLine(event);
    if (line !== undefined) write(`${line}\n`);
  });
}

function plainLine(event: WatchEvent): string | undefined {
  switch (event.type) {
    case 'status':
      return `archangel: ${event.status.repo} (${event.status.branch}) · ${event.status.index} · ${event.status.tutor}${event.status.polling ? ` · polling (${event.status.polling})` : ''}`;
    case 'index-progress':
      return event.done === event.total ? `${event.message}: ${event.total} files` : undefined;
    case 'review-start':
      return `reviewing ${event.paths.length === 0 ? 'the current changes' : event.paths.join(', ')}`;
    case 'tutor':
      if (event.event.type === 'note-end') return formatNote(event.event.note);
      if (event.event.type === 'error' || event.event.type === 'waiting') return `note: ${event.event.message}`;
      return undefined;
    case 'review-end':
      return event.outcome === 'failed' ? `review failed: ${event.message ?? 'unknown error'}` : undefined;
    case 'navigator-note':
      return `✎ ${event.author}: ${event.text}`;
    case 'resolved':
      return event.notes.map((note) => `✓ resolved: ${note.title} (${placeOf(note)})`).join('\n');
    case 'notice':
      return `${event.level === 'info' ? 'note' : event.level}: ${event.message}`;
    case 'chat-end':
      return event.error ? `chat: ${event.error}` : undefined;
    case 'changes':
    case 'hint-start':
    case 'hint-text':
    case 'note-updated':
    case 'note-dismissed':
    case 'chat-user':
    case 'chat-text':
    case 'chat-history':
    case 'progress':
    case 'fatal':
      // A fatal error is printed by the command, as every command prints its errors.
      return undefined;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function formatNote(note: Note): string {
  const mark = SEVERITY_MARK[note.severity];
  const evidence = note.evidence.map((e) => `    ${formatEvidence(e)}`).join('\n');
  return `${mark} ${note.path}:${note.startLine}  ${note.title}\n    ${note.ladder[0]?.text ?? ''}${evidence ? `\n${evidence}` : ''}`;
}
