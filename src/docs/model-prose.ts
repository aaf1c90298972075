import { createHash } from 'node:crypto';
import type { Project } from '../config/project.js';
import { appendAudit } from '../review/audit.js';
import { redactSecrets } from '../redact/index.js';
import { createMessagesClient, type ClientOverrides, type MessagesClient } from '../tutor/claude/client.js';
import { describeFailure } from '../tutor/claude/failures.js';
import { CallFailed, DEFAULT_RETRY_POLICY, streamCall, type RetryPolicy } from '../tutor/claude/stream-call.js';
import { loadPrompt } from '../tutor/prompts/load-prompt.js';
import type { Citation } from '../index/citation.js';
import { placeOf } from '../review/render-notes.js';
import { citeMarkdown, type WebBase } from './links.js';

/**
 * The optional model pass: a region's deterministic draft and its evidence go to Claude through
 * `prompts/docs-*.md`; the reply may cite only `[E<n>]` ids, which become links to the evidence.
 * An id that was not sent is dropped, and so is any link the reply wrote itself. On any failure
 * the draft stands, with one line saying why.
 */

/** One piece of evidence the model may cite. */
export interface ProseEvidence {
  citation: Citation;
  web: WebBase | undefined;
  /** What it shows: golden lines, or a measured statement. */
  text: string;
}

export interface ProseRequest {
  /** `docs-style` or `docs-wiki`: the task prompt in prompts/. */
  template: 'docs-style' | 'docs-wiki';
  /** What the prose is about, e.g. "the code style of the golden repositories". */
  subject: string;
  draft: string;
  evidence: ProseEvidence[];
}

/**
 * What a region written by `model` from this request records: the same hash later means the same
 * evidence, so the region is kept without asking again, and `--check` knows it is current.
 */
export function proseHash(model: string, request: ProseRequest): string {
  return createHash('sha256').update(JSON.stringify([model, request.template, request.draft, request.evidence.map((e) => [e.citation, e.text])])).digest('hex').slice(0, 16);
}

export interface ProseWriter {
  /** The model's prose with checked citations, or undefined when the draft should stand. */
  write(request: ProseRequest): Promise<{ text: string; dropped: number } | undefined>;
}

/** Output budget of one region: a few short paragraphs. */
const MAX_TOKENS = 900;

export interface ProseOptions {
  env?: NodeJS.ProcessEnv;
  overrides?: ClientOverrides;
  retry?: Partial<RetryPolicy>;
  /** Where a failure is reported, in one line. */
  warn: (line: string) => void;
}

/** A writer when a model provider has credentials, else undefined (the docs stay offline). */
export async function createProseWriter(project: Project, options: ProseOptions): Promise<ProseWriter | undefined> {
  let client: MessagesClient;
  try {
    client = await createMessagesClient(project.config, options.env ?? process.env, options.overrides ?? {});
  } catch {
    return undefined;
  }
  const model = project.config.model.chat;
  // A call that failed (a bad key, a silent endpoint) would fail again for every other region, each
  // after its own wait: the rest of the run keeps the offline text without asking.
  let failed = false;
  return {
    async write(request) {
      if (failed) return undefined;
      const sendCode = project.config.privacy.sendGoldenSnippets;
      const evidence = await Promise.all(
        request.evidence.map(async (e, i) => {
          const text = !sendCode ? '' : project.config.privacy.redactSecrets ? (await redactSecrets(e.text, { path: e.citation.path })).text : e.text;
          return `<evidence id="E${i + 1}" place="${e.citation.repo} ${placeOf(e.citation)}">\n${text.replace(/<\/?evidence\b/gi, '&lt;evidence')}\n</evidence>`;
        }),
      );
      const vars = { subject: request.subject, draft: request.draft, evidence: evidence.join('\n') };
      const system = await loadPrompt('docs-system', {}, { projectRoot: project.root });
      const task = await loadPrompt(request.template, vars, { projectRoot: project.root });
      let reply = '';
      const audit = { at: new Date().toISOString(), kind: 'docs' as const, model, files: [], golden: sendCode ? request.evidence.map((e) => `${e.citation.repo} ${placeOf(e.citation)}`) : [] };
      try {
        const call = streamCall(client, { model, system, messages: [{ role: 'user', content: task }], maxTokens: MAX_TOKENS }, { retry: { ...DEFAULT_RETRY_POLICY, ...options.retry }, timeoutMs: project.config.model.timeoutMs, redact: project.config.privacy.redactSecrets });
        let step = await call.next();
        while (!step.done) {
          reply += step.value;
          step = await call.next();
        }
        appendAudit(project.stateDir, { ...audit, inputTokens: step.value.inputTokens, outputTokens: step.value.outputTokens, ...(step.value.cut ? { error: step.value.cut.kind } : {}) });
        if (step.value.cut) {
          options.warn(`The model's reply for ${request.subject} was cut off (${step.value.cut.detail}); the offline text is kept.`);
          return undefined;
        }
      } catch (error) {
        if (!(error instanceof CallFailed)) throw error;
        appendAudit(project.stateDir, { ...audit, inputTokens: 0, outputTokens: 0, error: error.failure.kind });
        failed = true;
        options.warn(`${describeFailure(error.failure, error.attempts, client.platform, model).message} The offline text is kept for ${request.subject} and the rest of this run.`);
        return undefined;
      }
      const checked = checkCitations(reply.trim(), request.evidence);
      return checked.text === '' ? undefined : checked;
    },
  };
}

/**
 * `[E2]` becomes a link to the second piece of evidence; an id that was not sent is removed, and
 * so is the target of any markdown link the reply wrote itself (its text stays): a citation can
 * only point at lines that were measured.
 */
export function checkCitations(reply: string, evidence: ProseEvidence[]): { text: string; dropped: number } {
  let dropped = 0;
  const allowed = new Set(evidence.map((e) => citeMarkdown(e.citation, e.web)));
  const withIds = reply.replace(/\s?\[(E\d+)\](?!\()/g, (match, id: string) => {
    const item = evidence[Number(id.slice(1)) - 1];
    if (!item) {
      dropped++;
      return '';
    }
    return `${match.startsWith(' ') ? ' ' : ''}${citeMarkdown(item.citation, item.web)}`;
  });
  const linked = withIds.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (link, label: string) => {
    if (allowed.has(link)) return link;
    dropped++;
    return label;
  });
  // Unhosted citations are written `repo path:lines`: one the evidence does not hold goes.
  const text = linked.replace(/ ?`[^`\n]+ [^`\n]+:\d+(?:-\d+)?`/g, (label) => {
    if (allowed.has(label.trim())) return label;
    dropped++;
    return '';
  });
  return { text, dropped };
}
