import type { ArchangelConfig } from '../../config/schema.js';
import { loadPrompt } from '../prompts/load-prompt.js';
import type { Evidence } from '../types.js';
import { aliasEvidence, attributes, citeEvidence, escapeData, renderEvidence, type EvidenceAliases } from './prompt-data.js';
import type { CallRequest } from './stream-call.js';

/**
 * The quiz with a model: requests that ask Claude for free-text questions on the learner's own
 * noted code and the golden evidence, and grade a free-text answer against that evidence; and the
 * parsers for both replies. Citations are checked like a review's: an id that was not sent is dropped.
 */

/** One of the learner's notes a question is asked about: their code (redacted) and its evidence. */
export interface QuizSubject {
  noteId: string;
  topic: string;
  path: string;
  startLine: number;
  endLine: number;
  code: string;
  evidence: Evidence[];
}

export interface ModelQuestion {
  subject: QuizSubject;
  /** The question as the learner reads it, citations turned into `repo path:lines`. */
  text: string;
  /** The evidence the answer rests on (only ids that were sent). */
  evidence: Evidence[];
}

export type Verdict = 'right' | 'partly' | 'wrong';

export interface ModelGrade {
  verdict: Verdict;
  /** One sentence, citations resolved. */
  feedback: string;
  /** Evidence the grade rests on; ids the model invented are dropped. */
  cited: Evidence[];
}

/** Output budgets: a few two-sentence questions; one grade of one sentence. */
const MAX_TOKENS = { ask: 800, grade: 300 };

interface QuizOptions {
  model: ArchangelConfig['model'];
  level: ArchangelConfig['mentor']['level'];
  projectRoot: string;
}

/** Evidence ids are numbered across all subjects (E1..En), so a question can cite exactly one source's. */
export function quizAliases(subjects: readonly QuizSubject[]): EvidenceAliases {
  return aliasEvidence(subjects.flatMap((subject) => subject.evidence));
}

/** The request for one question per subject, in order. */
export async function quizAskRequest(subjects: readonly QuizSubject[], options: QuizOptions): Promise<CallRequest> {
  const aliases = quizAliases(subjects);
  const sources = subjects.map((subject, index) => renderSubject(`Q${index + 1}`, subject, aliases)).join('\n\n');
  const [system, task] = await Promise.all([
    loadPrompt('quiz-system', { level: options.level }, { projectRoot: options.projectRoot }),
    loadPrompt('quiz-ask', { count: subjects.length, sources }, { projectRoot: options.projectRoot }),
  ]);
  return { model: options.model.feedback, system, messages: [{ role: 'user', content: task }], maxTokens: MAX_TOKENS.ask };
}

/** The request grading `answer` to `question` against the question's subject and evidence. */
export async function quizGradeRequest(question: ModelQuestion, answer: string, options: QuizOptions): Promise<CallRequest> {
  const aliases = aliasEvidence(question.subject.evidence);
  const [system, task] = await Promise.all([
    loadPrompt('quiz-system', { level: options.level }, { projectRoot: options.projectRoot }),
    loadPrompt('quiz-grade', { question: escapeData(question.text), source: renderSubject('Q1', question.subject, aliases), answer: escapeData(answer) }, { projectRoot: options.projectRoot }),
  ]);
  return { model: options.model.feedback, system, messages: [{ role: 'user', content: task }], maxTokens: MAX_TOKENS.grade };
}

/** The questions in a reply, one per subject at most, in subject order; a question on an unknown source is dropped. */
export function parseQuizQuestions(reply: string, subjects: readonly QuizSubject[]): ModelQuestion[] {
  const aliases = quizAliases(subjects);
  const bySubject = new Map<number, ModelQuestion>();
  for (const match of reply.matchAll(/<question\b([^>]*)>([\s\S]*?)<\/question>/g)) {
    const index = Number(/\bsource="Q(\d+)"/.exec(match[1]!)?.[1]) - 1;
    const subject = subjects[index];
    const text = citeEvidence(match[2]!, aliases).replace(/\s+/g, ' ').trim();
    if (!subject || text === '' || bySubject.has(index)) continue;
    bySubject.set(index, { subject, text, evidence: cited(match[1]!, aliases).filter((e) => subject.evidence.includes(e)) });
  }
  return [...bySubject].sort(([a], [b]) => a - b).map(([, question]) => question);
}

/** The grade in a reply, or undefined when the reply holds none. */
export function parseQuizGrade(reply: string, question: ModelQuestion): ModelGrade | undefined {
  const match = /<grade\b([^>]*)>([\s\S]*?)<\/grade>/.exec(reply);
  const verdict = match && /\bverdict="(right|partly|wrong)"/.exec(match[1]!)?.[1];
  if (!match || !verdict) return undefined;
  const aliases = aliasEvidence(question.subject.evidence);
  return { verdict: verdict as Verdict, feedback: citeEvidence(match[2]!, aliases).replace(/\s+/g, ' ').trim(), cited: cited(match[1]!, aliases) };
}

/** The evidence named by an `evidence="E1,E3"` attribute that was actually sent. */
function cited(attributes: string, aliases: EvidenceAliases): Evidence[] {
  const ids = /\bevidence="([^"]*)"/.exec(attributes)?.[1]?.split(',') ?? [];
  return [...new Set(ids.map((id) => id.trim()))].flatMap((id) => {
    const item = aliases.get(id);
    return item ? [item] : [];
  });
}

function renderSubject(id: string, subject: QuizSubject, aliases: EvidenceAliases): string {
  const own = new Map([...aliases].filter(([, item]) => subject.evidence.includes(item)));
  const attrs = attributes({ id, path: subject.path, lines: `${subject.startLine}-${subject.endLine}`, topic: subject.topic });
  return `<quiz_source${attrs}>\n<learner_code>\n${escapeData(subject.code)}\n</learner_code>\n${renderEvidence(own)}\n</quiz_source>`;
}
