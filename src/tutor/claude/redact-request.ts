import { redactSecrets } from '../../redact/index.js';
import type { CallRequest } from './stream-call.js';

/**
 * The last look before a request leaves the machine: its system prompt and every message redacted
 * as a whole. Each piece of the context was redacted where it was built, with its file around it;
 * this pass catches what a builder missed (a key split over pieces, a new caller that forgot), so a
 * secret has to slip past two independent passes to be sent.
 */
export async function redactRequest(request: CallRequest): Promise<CallRequest> {
  const [system, ...contents] = await Promise.all([request.system, ...request.messages.map((message) => message.content)].map(redactText));
  return { ...request, system: system ?? '', messages: request.messages.map((message, i) => ({ ...message, content: contents[i] ?? '' })) };
}

async function redactText(text: string): Promise<string> {
  return (await redactSecrets(text, { diff: false })).text;
}
