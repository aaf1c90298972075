import type { Node } from 'web-tree-sitter';
import { calleeText } from './rule.js';

/*
 * Logging and printing calls, by their callee as written: one place for the rules that ask whether
 * a line logs (a credential written to a log, an error only logged, a handler that only logs).
 * A rule that must tell handling from logging keeps its own narrower pattern beside its reason
 * (Python's `logger.exception` records the error; Go's `log.Fatal` ends the program).
 */

export const JS_LOG_CALL = /^(?:console|(?:this\.)?(?:logger|log|LOGGER|LOG))\.(?:log|info|warn|error|debug|trace)$/;

export const PYTHON_LOG_CALL = /^(?:print|(?:logging|(?:self\.)?(?:logger|log|LOGGER|LOG))\.(?:debug|info|warning|warn|error|exception|critical))$/;

/** Go's logging and printing that carry on: `log.Fatal` and `log.Panic` end the program, so they are handling, not logging. */
export const GO_LOG_CALL = /^(?:log\.(?:Print|Printf|Println)|fmt\.(?:Print|Printf|Println|Fprint|Fprintf|Fprintln)|slog\.(?:Debug|Info|Warn|Error)|(?:[\w.]+\.)?(?:logger|log|Logger|Log)\.(?:Debug|Info|Warn|Warning|Error|Print|Printf|Println)f?|println|print)$/;

export const JAVA_LOG_CALL = /^(?:(?:this\.)?(?:logger|log|LOGGER|LOG)\.(?:info|debug|warn|error|trace|fine|warning|severe)|System\.(?:out|err)\.(?:println|print|printf))$/;

/** A statement that is a call of `type` to a log or print function matching `logs`. */
export function isLogStatement(statement: Node, type: string, logs: RegExp): boolean {
  const call = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
  return call?.type === type && logs.test(calleeText(call));
}
