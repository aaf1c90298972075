import { checkWords, optionWords } from '../../../conventions/api/words.js';
import type { ApiCall } from '../../../conventions/types.js';
import type { Change, ChangeBuilder, Draft } from '../types.js';
import { rethrowStatement, what } from './errors.js';
import { diffBlock, escapeRegExp, indentOf, lineAt, linesIn, prose } from './lines.js';

/**
 * Last rungs for API-usage habits, written on the learner's own call line: the option added with
 * the value the golden call uses, an `await`, a try around the statement, the check or the block the
 * golden calls have. A call spread over several lines, or a shape not read safely, gets the move in words.
 */

/** Stands in for a value only the learner can choose. */
const CHOOSE = '…';

interface Located {
  /** The call's start (its receiver, as written here: `rq.get`, `fetch`) and the `(` and `)` around its arguments. */
  start: number;
  open: number;
  close: number;
}

/** The call of `callee` on `line`, however its receiver is spelt here, when its arguments close on the same line. */
function locate(line: string, callee: string): Located | undefined {
  const last = callee.split('.').pop() ?? callee;
  const match = new RegExp(`(?:[\\w$]+\\.)*${escapeRegExp(last)}\\s*\\(`).exec(line);
  if (!match) return undefined;
  const open = match.index + match[0].length - 1;
  let depth = 0;
  for (let index = open; index < line.length; index++) {
    if ('([{'.includes(line[index] ?? '')) depth++;
    else if (')]}'.includes(line[index] ?? '') && --depth === 0) return { start: match.index, open, close: index };
  }
  return undefined;
}

function apiCall(draft: Draft): ApiCall | undefined {
  return draft.findings[0]?.call;
}

/** The value the golden call passes for `option`, read from the golden snippet; undefined when none shows it. */
function goldenValue(draft: Draft, option: string, python: boolean): string | undefined {
  const pattern = python ? new RegExp(`\\b${escapeRegExp(option)}\\s*=\\s*([^,()\\n]+(?:\\([^()\\n]*\\))?)`) : new RegExp(`\\b${escapeRegExp(option)}\\s*:\\s*([^,}\\n]+)`);
  for (const golden of draft.golden) {
    const value = pattern.exec(golden.snippet)?.[1]?.trim();
    if (value) return value;
  }
  return undefined;
}

function edited(lead: string, before: string[], after: string[], tail = ''): Change {
  return { text: `${lead}\n\n${diffBlock(before, after)}${tail ? `\n\n${tail}` : ''}`, fixed: [] };
}

/** The option the golden calls pass, added to the call with their value. */
export const passOption: ChangeBuilder = (draft) => {
  const call = apiCall(draft);
  const option = call?.option ?? '';
  const python = draft.hunk.language === 'python';
  const words = optionWords(python ? 'python' : 'typescript', option);
  const line = lineAt(draft.hunk, draft.startLine);
  const found = call ? locate(line, call.callee) : undefined;
  const fallback = `On line ${draft.startLine}, pass ${words} to \`${call?.callee ?? 'the call'}\` with the value this call needs, as the golden call at the third rung does.`;
  if (!found) return prose(fallback);
  const value = goldenValue(draft, option, python) ?? CHOOSE;
  const args = line.slice(found.open + 1, found.close);
  let rewritten: string;
  if (python) rewritten = `${line.slice(0, found.close)}${args.trim() === '' ? '' : ', '}${option}=${value}${line.slice(found.close)}`;
  else {
    const brace = args.lastIndexOf('{');
    const at = found.open + 1 + brace + 1;
    rewritten = brace === -1 ? `${line.slice(0, found.close)}${args.trim() === '' ? '' : ', '}{ ${option}: ${value} }${line.slice(found.close)}` : `${line.slice(0, at)} ${option}: ${value},${line.slice(at).replace(/^(?!\s)/, ' ')}`;
  }
  const choose = value === CHOOSE ? ', with the value this call needs' : ', with the golden value (change it if this call needs another)';
  return edited(`Pass ${words}${choose}:`, [line], [rewritten]);
};

/** The call awaited where it is made. */
export const awaitCall: ChangeBuilder = (draft) => {
  const call = apiCall(draft);
  const line = lineAt(draft.hunk, draft.startLine);
  const found = call ? locate(line, call.callee) : undefined;
  if (!found) return prose(`On line ${draft.startLine}, \`await\` the call (and make ${fnName(draft)} \`async\` if it is not).`);
  return edited('Wait for the call where it is made:', [line], [`${line.slice(0, found.start)}await ${line.slice(found.start)}`], `If ${fnName(draft)} is not \`async\` yet, it becomes \`async\`, and its callers await it in turn.`);
};

/** The statement holding the call put inside a try that rethrows with context. */
export const wrapInTry: ChangeBuilder = (draft) => {
  const line = lineAt(draft.hunk, draft.startLine);
  const indent = indentOf(line);
  const python = draft.hunk.language === 'python';
  const step = python ? '    ' : '  ';
  const rethrow = rethrowStatement(draft, 'error');
  const complete = python ? !/[([{,\\:]\s*$/.test(line) : /[;)]\s*$/.test(line);
  const fallback = `Put line ${draft.startLine} inside a try block and catch what the golden call catches (third rung): handle it there, or rethrow it with context and the original error as its cause.`;
  if (!rethrow || !complete || line.trim() === '' || !['python', 'typescript', 'tsx', 'javascript'].includes(draft.hunk.language ?? '')) return prose(fallback);
  if (python) {
    const caught = draft.golden.map((g) => /except\s+([\w.]+|\([^)]*\))/.exec(g.snippet)?.[1]).find((name) => name !== undefined) ?? 'Exception';
    return edited('Catch what the call raises, as the golden code does, and keep the original error as the cause:', [line], [`${indent}try:`, `${step}${line}`, `${indent}except ${caught} as error:`, `${indent}${step}${rethrow}`]);
  }
  // A `const` declared inside the try would be gone after it: declare first, assign inside.
  const declared = /^(\s*)(?:const|let)\s+([\w$]+)\s*=\s*(.+)$/.exec(line);
  const body = declared ? [`${indent}let ${declared[2] ?? ''};`, `${indent}try {`, `${indent}${step}${declared[2] ?? ''} = ${declared[3] ?? ''}`] : [`${indent}try {`, `${step}${line}`];
  return edited('Catch what the call throws, as the golden code does, and keep the original error as the cause:', [line], [...body, `${indent}} catch (error) {`, `${indent}${step}${rethrow}`, `${indent}}`]);
};

/** The check the golden calls make, added right after the call. */
export const checkResult: ChangeBuilder = (draft) => {
  const call = apiCall(draft);
  const line = lineAt(draft.hunk, draft.startLine);
  const indent = indentOf(line);
  const form = call?.form;
  const fallback = prose(`Right after line ${draft.startLine}, check what \`${call?.callee ?? 'the call'}\` returned the way the golden calls do (${checkWords(form)}), before anything uses it.`);
  if (form === 'raise_for_status' || form === 'check_returncode') {
    const bound = /^\s*([A-Za-z_]\w*)\s*=[^=]/.exec(line)?.[1];
    const found = call ? locate(line, call.callee) : undefined;
    if (bound) return edited(`Check the result as soon as it arrives:`, [line], [line, `${indent}${bound}.${form}()`]);
    if (found && line.trim() === line.slice(found.start, found.close + 1).trim()) return edited('Check the result as soon as it arrives:', [line], [`${line.slice(0, found.close + 1)}.${form}()${line.slice(found.close + 1)}`]);
    return fallback;
  }
  if (form === 'err' && draft.hunk.language === 'go') {
    const ifErr = [`${indent}if err != nil {`, `${indent}\treturn fmt.Errorf("${what(draft)}: %w", err)`, `${indent}}`];
    const note = `Return the zero values of ${fnName(draft)}'s other results before \`fmt.Errorf\`, if it has any.`;
    if (/,\s*_\s*:?=/.test(line)) return edited('Keep the error and check it at once:', [line], [line.replace(/,\s*_(\s*:?=)/, ', err$1'), ...ifErr], note);
    if (/\berr\s*:?=/.test(line)) return edited('Check the error at once:', [line], [line, ...ifErr], note);
    if (call && locate(line, call.callee)) return edited('Check the error the call returns:', [line], [`${indent}if err := ${line.trim()}; err != nil {`, `${indent}\treturn fmt.Errorf("${what(draft)}: %w", err)`, `${indent}}`], note);
  }
  return fallback;
};

/** What the call opens tied to a block that closes it, as the golden calls do. */
export const manageResource: ChangeBuilder = (draft) => {
  const call = apiCall(draft);
  const line = lineAt(draft.hunk, draft.startLine);
  const indent = indentOf(line);
  const fallback = prose(`Open what \`${call?.callee ?? 'the call'}\` returns the way the golden call at the third rung does, so it is closed on every way out, errors included.`);
  if (draft.hunk.language === 'python') {
    const bound = /^(\s*)([A-Za-z_]\w*)\s*=\s*(.+)$/.exec(line);
    if (!bound || !call || !locate(line, call.callee)) return fallback;
    return edited('Open it in a `with` statement:', [line], [`${indent}with ${bound[3] ?? ''} as ${bound[2] ?? ''}:`], `Then indent the lines that use \`${bound[2] ?? ''}\` under it, and drop any \`.close()\` of it.`);
  }
  if (draft.hunk.language === 'go') {
    const name = /^\s*([A-Za-z_]\w*)\s*(?:,\s*\w+\s*)?:?=/.exec(line)?.[1];
    if (!name) return fallback;
    // After the error check, when the hunk shows one: closing a nil result would panic.
    const rows = linesIn(draft.hunk, draft.startLine + 1, draft.hunk.endLine);
    const check = rows[0]?.text.trim().startsWith('if err') ? rows.find((row, index) => index > 0 && row.text === `${indent}}`) : undefined;
    const before = check ? linesIn(draft.hunk, draft.startLine, check.line).map((row) => row.text) : [line];
    // What is closed may hang off the result (`resp.Body`): as the golden code closes it.
    const field = draft.golden.map((g) => /defer\s+\w+((?:\.\w+)*)\.Close\(\)/.exec(g.snippet)?.[1]).find((f) => f !== undefined) ?? '';
    return edited(`Close it when ${fnName(draft)} returns:`, before, [...before, `${indent}defer ${name}${field}.Close()`]);
  }
  if (draft.hunk.language === 'java') {
    const declared = /^(\s*)(.+?\s+[\w$]+)\s*=\s*(.+);\s*$/.exec(line);
    if (!declared) return fallback;
    return edited('Open it in try-with-resources:', [line], [`${indent}try (${declared[2] ?? ''} = ${declared[3] ?? ''}) {`], `Then move the lines that use it inside the block and close it with \`}\` after them.`);
  }
  return fallback;
};

function fnName(draft: Draft): string {
  const name = draft.hunk.symbol?.split(/[.#:]/).at(-1);
  return name ? `\`${name}\`` : 'the function';
}
