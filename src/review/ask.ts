import type { Project } from '../config/project.js';
import type { ChatMessage } from '../tutor/claude/tutor.js';
import type { Evidence, Note, TutorEvent } from '../tutor/types.js';
import { appendAudit, auditEntryFor } from './audit.js';
import type { ReviewContext } from './context/types.js';
import type { ReviewServices } from './open-services.js';
import { citationLabel } from '../tutor/claude/prompt-data.js';
import { formatEvidence, placeOf } from './render-notes.js';
import { forModel } from './run-review.js';
import { redactSecrets } from '../redact/index.js';

/** Golden results looked up for a question. */
const QUESTION_RESULTS = 4;
/** Lines of each golden result quoted in an offline answer. */
const OFFLINE_SNIPPET_LINES = 8;

export interface Question {
  text: string;
  /** Earlier turns of the chat, oldest first (empty for `archangel ask`). */
  history?: ChatMessage[];
  /** The note the learner is looking at, if any. */
  note?: Note | undefined;
}

/**
 * An answer about the current diff, grounded in a golden search for the question: streamed by
 * Claude when configured (citations checked against what was sent), otherwise assembled offline
 * from the golden results and the convention findings, saying plainly that no model is configured.
 */
export async function* answerQuestion(project: Project, services: Pick<ReviewServices, 'tutor' | 'claude' | 'index'>, context: ReviewContext, question: Question, signal?: AbortSignal): AsyncGenerator<TutorEvent> {
  const grounded = await withQuestionEvidence(project, services, context, question.text);
  if (!services.claude || services.tutor.mode === 'offline') {
    yield* offlineAnswer(grounded, question);
    return;
  }
  const sent = forModel(grounded, project.config.privacy.sendGoldenSnippets);
  const messages: ChatMessage[] = [...(question.history ?? []), { role: 'user', content: question.text }];
  const stream = question.history?.length ? services.claude.chat(messages, { input: sent, ...(question.note ? { note: question.note } : {}) }, signal) : services.claude.ask(question.text, { input: sent, ...(question.note ? { note: question.note } : {}) }, signal);
  let failure: string | undefined;
  let answered = false;
  for await (const event of stream) {
    if (event.type === 'text') answered = true;
    if (event.type === 'error') failure = event.message;
    if (event.type === 'error' && event.fatal && !answered) {
      yield { type: 'error', fatal: false, message: `${event.message} Answering from the golden repositories instead.`, ...(event.hint ? { hint: event.hint } : {}) };
      appendAudit(project.stateDir, auditEntryFor(question.history?.length ? 'chat' : 'ask', project.config.model.chat, sent, undefined, failure));
      yield* offlineAnswer(grounded, question);
      return;
    }
    if (event.type === 'done') appendAudit(project.stateDir, auditEntryFor(question.history?.length ? 'chat' : 'ask', project.config.model.chat, sent, event.usage, failure));
    yield event;
  }
}

/** The review context plus the golden code that answers the question's words. */
async function withQuestionEvidence(project: Project, services: Pick<ReviewServices, 'index'>, context: ReviewContext, text: string): Promise<ReviewContext> {
  if (!services.index) return context;
  const results = await services.index.search({ kind: 'text', text }, { limit: QUESTION_RESULTS });
  const evidence: Evidence[] = [...context.evidence];
  for (const result of results) {
    const snippet = project.config.privacy.redactSecrets ? (await redactSecrets(result.text, { path: result.path })).text : result.text;
    evidence.push({ kind: 'golden', id: `E${evidence.length + 1}`, citation: { repo: result.repo, path: result.path, startLine: result.startLine, endLine: result.endLine, commit: result.commit }, snippet, symbol: result.symbol });
  }
  return { ...context, evidence };
}

async function* offlineAnswer(context: ReviewContext, question: Question): AsyncGenerator<TutorEvent> {
  const golden = context.evidence.filter((e): e is Extract<Evidence, { kind: 'golden' }> => e.kind === 'golden');
  const findings = context.hunks.flatMap((h) => h.findings);
  const parts = ['No model is configured (set ANTHROPIC_API_KEY for written answers), so here is what the golden repositories show.'];
  // Asked with a note in view, the likeliest question is its "why": the hint rung says it, and
  // holds no fix (rung discipline), so it can be given unasked here.
  const why = question.note?.ladder.find((rung) => rung.level === 2);
  if (question.note && why) parts.push(`About the note on ${placeOf(question.note)} (${question.note.title}): ${why.text}`);
  if (golden.length === 0) parts.push(`Nothing in the golden index matches "${question.text}". Try other words, or run \`archangel index\`.`);
  for (const evidence of golden.slice(-QUESTION_RESULTS)) {
    const lines = evidence.snippet.split('\n').slice(0, OFFLINE_SNIPPET_LINES).map((line) => `    ${line}`);
    parts.push(`${citationLabel(evidence.citation)}${evidence.symbol ? ` — ${evidence.symbol}` : ''}\n${lines.join('\n')}`);
  }
  if (findings.length > 0) {
    parts.push(`In your current changes:\n${findings.map(({ finding }) => `  ${finding.path}:${finding.startLine} ${finding.message}`).join('\n')}`);
  }
  const conventions = context.evidence.filter((e) => e.kind === 'convention');
  if (conventions.length > 0) parts.push(conventions.map((e) => `  ${formatEvidence(e)}`).join('\n'));
  yield { type: 'text', noteId: 'answer', text: parts.join('\n\n') };
  yield { type: 'done', notes: 0 };
}
