import type { Project } from '../config/project.js';
import { appendAudit, auditEntryFor } from '../review/audit.js';
import { redactSecrets } from '../redact/index.js';
import { parseQuizGrade, parseQuizQuestions, quizAskRequest, quizGradeRequest, type ModelGrade, type ModelQuestion, type QuizSubject } from '../tutor/claude/quiz.js';
import type { CallRequest } from '../tutor/claude/stream-call.js';
import type { ClaudeTutor } from '../tutor/claude/tutor.js';
import type { NoteRecord } from '../session/types.js';
import type { Evidence } from '../tutor/types.js';

/**
 * The quiz with a model: free-text questions on the learner's own noted code and its golden
 * evidence, and free-text answers graded against that evidence. What goes out is what a review
 * sends: redacted code, golden snippets only when `privacy.sendGoldenSnippets` allows, and every
 * call in the audit log. A failed call comes back as one plain line, for the caller to fall back on.
 */

/** Either what was asked for, or the one line saying why the model could not give it. */
export type ModelResult<T> = { ok: true; value: T } | { ok: false; failure: string };

/** Up to `size` subjects from the learner's notes (newest first): one per topic, with code and evidence to ask about. */
export async function quizSubjects(project: Project, notes: readonly NoteRecord[], size: number): Promise<QuizSubject[]> {
  const { redactSecrets: redact, sendGoldenSnippets } = project.config.privacy;
  const subjects: QuizSubject[] = [];
  const topics = new Set<string>();
  for (const note of notes) {
    if (subjects.length >= size) break;
    const evidence = note.evidence.filter((e) => sendGoldenSnippets || e.kind !== 'golden');
    if (note.dismissedAt !== null || note.code.trim() === '' || evidence.length === 0 || topics.has(note.topic)) continue;
    topics.add(note.topic);
    subjects.push({
      noteId: note.id,
      topic: note.topic,
      path: note.path,
      startLine: note.startLine,
      endLine: note.endLine,
      code: redact ? (await redactSecrets(note.code, { path: note.path })).text : note.code,
      evidence: redact ? await Promise.all(evidence.map((e) => redactEvidence(e))) : evidence,
    });
  }
  return subjects;
}

/** One question per subject the model could write one for, in subject order. */
export async function askModelQuestions(claude: ClaudeTutor, project: Project, subjects: QuizSubject[]): Promise<ModelResult<ModelQuestion[]>> {
  const request = await quizAskRequest(subjects, options(project));
  const reply = await call(claude, project, request, subjects);
  if (!reply.ok) return reply;
  const questions = parseQuizQuestions(reply.value, subjects);
  return questions.length > 0 ? { ok: true, value: questions } : { ok: false, failure: 'Claude wrote no question the quiz could use.' };
}

/** The model's grade of `answer`, checked against the evidence the question was asked on. */
export async function gradeModelAnswer(claude: ClaudeTutor, project: Project, question: ModelQuestion, answer: string): Promise<ModelResult<ModelGrade>> {
  const request = await quizGradeRequest(question, answer, options(project));
  const reply = await call(claude, project, request, [question.subject]);
  if (!reply.ok) return reply;
  const grade = parseQuizGrade(reply.value, question);
  return grade ? { ok: true, value: grade } : { ok: false, failure: 'Claude did not give a grade the quiz could read.' };
}

/** One call, read whole, and its audit entry. */
async function call(claude: ClaudeTutor, project: Project, request: CallRequest, subjects: QuizSubject[]): Promise<ModelResult<string>> {
  let text = '';
  let failure: string | undefined;
  let fatal = false;
  for await (const event of claude.complete(request)) {
    if (event.type === 'text') text += event.text;
    if (event.type === 'error') {
      failure = event.message;
      fatal ||= event.fatal;
    }
    if (event.type === 'done') {
      const sent = { hunks: subjects, evidence: subjects.flatMap((subject) => subject.evidence) };
      appendAudit(project.stateDir, auditEntryFor('quiz', request.model, sent, event.usage, failure));
    }
  }
  return fatal || failure !== undefined ? { ok: false, failure: failure ?? 'Claude did not answer.' } : { ok: true, value: text };
}

async function redactEvidence(evidence: Evidence): Promise<Evidence> {
  if (evidence.kind !== 'golden') return evidence;
  return { ...evidence, snippet: (await redactSecrets(evidence.snippet, { path: evidence.citation.path })).text };
}

function options(project: Project): Parameters<typeof quizAskRequest>[1] {
  return { model: project.config.model, level: project.config.mentor.level, projectRoot: project.root };
}
