import { NO_TIMEOUT_QUESTION } from '../teach.js';
import type { Failure } from '../../importance/concern.js';
import type { Concern } from '../types.js';

/** One Ruff rule ArchAngel turns on, with why it earns a learner's attention. */
export interface RuffRule {
  /** Ruff's code, e.g. `B006`. */
  code: string;
  /** Ruff's rule name: its docs page is https://docs.astral.sh/ruff/rules/<name>/. */
  name: string;
  concern: Concern;
  /** How the fault shows, when it is more than a risk (src/importance). */
  failure?: Failure;
  /** A note's title. */
  title: string;
  /** Why it is on: the bug, leak or hole it catches (the rules not listed are style, or fire on sound code). */
  why: string;
  /** The note's first question, when the concern's generic one would be vague. */
  question?: string;
  /** Ruff's own words for a case it finds harmless (a shell given a fixed string): no pitfall then. */
  harmlessWhen?: RegExp;
  /** A flagged line that is harmless whatever Ruff could tell (a shell given one of two fixed strings). */
  harmlessLine?: RegExp;
  /** A flagged line that makes the fault certain whatever `failure` says (bytes from a socket or a request). */
  certainWhen?: RegExp;
}

/** Ruff's shell rules on a command that is a fixed string (`os.system("cls")`): "seems safe, but may be changed in the future". */
const FIXED_COMMAND = /seems safe/;
/** One of two fixed strings, which Ruff cannot tell from a built one: `os.system('cls' if os.name == 'nt' else 'clear')`. */
const ONE_OF_TWO_COMMANDS = /\(\s*(["'])[^"'\\]*\1\s+if\s+[^()]*?\s+else\s+(["'])[^"'\\]*\2\s*\)/;

/**
 * The Ruff rules we select, by code. Only correctness, suspicious and security rules: style belongs
 * to the conventions learned from the golden code. Left out after measuring on the CPython standard
 * library and Debian's site-packages (see bench/pitfalls.ts), because they mostly fire on sound code:
 * S101 assert, S105 "password" names (tokenizers' `token`), S311 random, S603/S607 subprocess,
 * S108 temp paths, S310 urlopen, BLE001 blind except (top-level handlers), B904 raise-from,
 * B905 zip strict, B007/B009/B010/B028, PLW2901/PLW0603 and the RUF sorting and typing rules.
 */
export const RUFF_RULES: readonly RuffRule[] = [
  // Security: data that an attacker controls reaching an interpreter, a shell, a database or a parser.
  { code: 'S102', name: 'exec-builtin', concern: 'security', title: 'exec() on a string', why: 'runs any code the string holds' },
  { code: 'S106', name: 'hardcoded-password-func-arg', concern: 'security', title: 'password in the source', why: 'a literal password argument ends up in git history' },
  { code: 'S107', name: 'hardcoded-password-default', concern: 'security', title: 'password as a default', why: 'a literal password default ends up in git history' },
  { code: 'S202', name: 'tarfile-unsafe-members', concern: 'security', title: 'tar extracted without a filter', why: 'a member named ../../x writes outside the target folder', question: 'Where does a tar member named "../../.bashrc" end up?' },
  // The program's own save file takes someone who can write it; bytes from the network, anyone.
  { code: 'S301', name: 'suspicious-pickle-usage', concern: 'security', failure: 'remote', certainWhen: /\b(?:recv|request|body|socket|conn|client|urlopen|requests)\b/, title: 'pickle from outside', why: 'unpickling runs code chosen by whoever wrote the bytes', question: 'Who wrote the bytes this unpickles, and what could they make it run?' },
  { code: 'S307', name: 'suspicious-eval-usage', concern: 'security', title: 'eval() on a string', why: 'runs any expression the string holds' },
  { code: 'S324', name: 'hashlib-insecure-hash-function', concern: 'security', title: 'broken hash', why: 'md5/sha1 collide: unsafe for anything security-related' },
  { code: 'S501', name: 'request-with-no-cert-validation', concern: 'security', title: 'TLS check turned off', why: 'verify=False lets anyone on the path read and change the traffic', question: 'Who else on the network could answer this request now?' },
  { code: 'S506', name: 'unsafe-yaml-load', concern: 'security', title: 'yaml.load without a safe loader', why: 'full YAML builds arbitrary Python objects' },
  { code: 'S602', name: 'subprocess-popen-with-shell-equals-true', concern: 'security', failure: 'certain', title: 'shell=True with a built command', why: 'shell injection', question: 'What would a value containing "; rm -rf ~" do to this command?', harmlessWhen: FIXED_COMMAND },
  { code: 'S604', name: 'call-with-shell-equals-true', concern: 'security', failure: 'certain', title: 'shell=True with a built command', why: 'shell injection through any function taking shell=True', question: 'What would a value containing "; rm -rf ~" do to this command?', harmlessWhen: FIXED_COMMAND },
  { code: 'S605', name: 'start-process-with-a-shell', concern: 'security', failure: 'certain', title: 'command run through a shell', why: 'os.system and friends pass the string to a shell', question: 'What would a value containing "; rm -rf ~" do to this command?', harmlessWhen: FIXED_COMMAND, harmlessLine: ONE_OF_TWO_COMMANDS },
  { code: 'S608', name: 'hardcoded-sql-expression', concern: 'security', failure: 'certain', title: 'SQL built from strings', why: 'SQL injection', question: 'What happens to this query when the value contains a quote?' },
  { code: 'S701', name: 'jinja2-autoescape-false', concern: 'security', title: 'templates without escaping', why: 'cross-site scripting through every rendered value' },
  { code: 'PLE2502', name: 'bidirectional-unicode', concern: 'security', title: 'hidden bidirectional text', why: 'code that reads differently from how it runs (Trojan Source)' },
  // Correctness: code that does something other than what it says.
  { code: 'S110', name: 'try-except-pass', concern: 'correctness', failure: 'hidden', title: 'exception swallowed', why: 'a failure disappears without a trace', question: 'When this fails in production, how will anyone find out?' },
  { code: 'S113', name: 'request-without-timeout', concern: 'correctness', title: 'request without a timeout', why: 'requests waits forever by default: one slow server hangs the caller', question: NO_TIMEOUT_QUESTION },
  { code: 'E722', name: 'bare-except', concern: 'correctness', failure: 'hidden', title: 'bare except', why: 'also catches KeyboardInterrupt, SystemExit and typos', question: 'Which exceptions land here: would you want Ctrl-C or a NameError among them?' },
  { code: 'B002', name: 'unary-prefix-increment-decrement', concern: 'correctness', failure: 'certain', title: '++ does not increment', why: 'Python has no ++: it is two unary pluses' },
  { code: 'B006', name: 'mutable-argument-default', concern: 'correctness', failure: 'hidden', title: 'mutable default argument', why: 'the default is built once and shared by every call', question: 'What does this default hold the second time the function is called?' },
  { code: 'B008', name: 'function-call-in-default-argument', concern: 'correctness', title: 'call in a default argument', why: 'the call runs once, at import, not per call', question: 'When does this call run: at each call, or once?' },
  { code: 'B012', name: 'jump-statement-in-finally', concern: 'correctness', failure: 'hidden', title: 'return in finally', why: 'silently discards the exception in flight' },
  { code: 'B015', name: 'useless-comparison', concern: 'correctness', title: 'comparison thrown away', why: 'usually a missing assert or assignment' },
  { code: 'B016', name: 'raise-literal', concern: 'correctness', failure: 'certain', title: 'raising a literal', why: 'raises TypeError instead' },
  { code: 'B017', name: 'assert-raises-exception', concern: 'correctness', title: 'test expects any Exception', why: 'the test passes on any bug' },
  { code: 'B018', name: 'useless-expression', concern: 'correctness', title: 'expression thrown away', why: 'usually a missing call, return or assignment' },
  { code: 'B019', name: 'cached-instance-method', concern: 'correctness', title: 'lru_cache on a method', why: 'the cache keeps every instance alive: a memory leak' },
  { code: 'B020', name: 'loop-variable-overrides-iterator', concern: 'correctness', title: 'loop variable hides what it loops over', why: 'the iterable is lost after the loop' },
  { code: 'B023', name: 'function-uses-loop-variable', concern: 'correctness', title: 'closure over a loop variable', why: 'every closure sees the last value', question: 'Which value of the loop variable does this function see when it finally runs?' },
  { code: 'B025', name: 'duplicate-try-block-exception', concern: 'correctness', title: 'same exception caught twice', why: 'the second handler never runs' },
  { code: 'B029', name: 'except-with-empty-tuple', concern: 'correctness', failure: 'certain', title: 'except ()', why: 'catches nothing' },
  { code: 'B030', name: 'except-with-non-exception-classes', concern: 'correctness', failure: 'certain', title: 'except with a non-exception', why: 'raises TypeError when an exception arrives' },
  { code: 'B031', name: 'reuse-of-groupby-generator', concern: 'correctness', title: 'groupby group used twice', why: 'the second use sees nothing' },
  { code: 'B032', name: 'unintentional-type-annotation', concern: 'correctness', title: 'annotation instead of assignment', why: 'x: 1 annotates, x = 1 assigns' },
  { code: 'B033', name: 'duplicate-value', concern: 'correctness', title: 'duplicate set item', why: 'usually a typo for another value' },
  { code: 'B035', name: 'static-key-dict-comprehension', concern: 'correctness', title: 'comprehension with a constant key', why: 'builds a one-entry dict' },
  { code: 'B039', name: 'mutable-contextvar-default', concern: 'correctness', title: 'mutable ContextVar default', why: 'shared by every context' },
  { code: 'F601', name: 'multi-value-repeated-key-literal', concern: 'correctness', title: 'duplicate dict key', why: 'the first value is silently lost' },
  { code: 'F631', name: 'assert-tuple', concern: 'correctness', failure: 'certain', title: 'assert on a tuple', why: 'always true' },
  { code: 'F632', name: 'is-literal', concern: 'correctness', title: 'is with a literal', why: 'identity, not equality: works by accident' },
  { code: 'F811', name: 'redefined-while-unused', concern: 'correctness', title: 'redefined before use', why: 'the first definition is dead' },
  { code: 'F821', name: 'undefined-name', concern: 'correctness', failure: 'certain', title: 'undefined name', why: 'a NameError every time the line runs' },
  { code: 'F823', name: 'undefined-local', concern: 'correctness', failure: 'certain', title: 'local used before assignment', why: 'an UnboundLocalError when the line runs' },
  { code: 'PLE0116', name: 'continue-in-finally', concern: 'correctness', failure: 'hidden', title: 'continue in finally', why: 'swallows the exception in flight' },
  { code: 'PLE0704', name: 'misplaced-bare-raise', concern: 'correctness', failure: 'certain', title: 'raise outside a handler', why: 'a RuntimeError when there is nothing to re-raise' },
  { code: 'PLE1132', name: 'repeated-keyword-argument', concern: 'correctness', failure: 'certain', title: 'keyword given twice', why: 'a TypeError at the call' },
  { code: 'PLE1142', name: 'await-outside-async', concern: 'correctness', failure: 'certain', title: 'await outside async', why: 'a SyntaxError at import' },
  { code: 'PLW0120', name: 'useless-else-on-loop', concern: 'correctness', title: 'loop else without break', why: 'the else always runs' },
  { code: 'PLW0127', name: 'self-assigning-variable', concern: 'correctness', title: 'variable assigned to itself', why: 'usually a typo for another name' },
  { code: 'PLW0129', name: 'assert-on-string-literal', concern: 'correctness', failure: 'certain', title: 'assert on a string', why: 'always true' },
  { code: 'PLW0133', name: 'useless-exception-statement', concern: 'correctness', failure: 'certain', title: 'exception built but not raised', why: 'the missing raise lets the error pass', question: 'What happens after this line when the error condition holds?' },
  { code: 'PLW0177', name: 'nan-comparison', concern: 'correctness', failure: 'certain', title: 'comparison with NaN', why: 'always false' },
  { code: 'PLW0642', name: 'self-or-cls-assignment', concern: 'correctness', title: 'self reassigned', why: 'changes a local name, not the object' },
  { code: 'PLW0711', name: 'binary-op-exception', concern: 'correctness', failure: 'certain', title: 'except A or B', why: 'catches only A' },
  { code: 'PLW1501', name: 'bad-open-mode', concern: 'correctness', failure: 'certain', title: 'invalid open() mode', why: 'a ValueError at the call' },
  { code: 'PLW1508', name: 'invalid-envvar-default', concern: 'correctness', title: 'non-string env default', why: 'os.getenv returns str: the types drift' },
  { code: 'PLW1509', name: 'subprocess-popen-preexec-fn', concern: 'correctness', title: 'preexec_fn', why: 'can deadlock in threaded programs' },
  { code: 'PLW2101', name: 'useless-with-lock', concern: 'correctness', title: 'lock made inside with', why: 'each call gets its own lock: nothing is locked' },
  { code: 'RUF006', name: 'asyncio-dangling-task', concern: 'correctness', failure: 'hidden', title: 'task with no reference', why: 'the event loop may collect it before it finishes', question: 'What keeps this task alive until it finishes, and who hears if it fails?' },
  { code: 'RUF008', name: 'mutable-dataclass-default', concern: 'correctness', title: 'mutable dataclass default', why: 'shared by every instance' },
  { code: 'RUF009', name: 'function-call-in-dataclass-default-argument', concern: 'correctness', title: 'call in a dataclass default', why: 'runs once and is shared by every instance' },
  { code: 'RUF018', name: 'assignment-in-assert', concern: 'correctness', title: 'assignment in assert', why: 'python -O removes it' },
  { code: 'RUF024', name: 'mutable-fromkeys-value', concern: 'correctness', title: 'dict.fromkeys with a mutable value', why: 'every key shares one object' },
  { code: 'RUF026', name: 'default-factory-kwarg', concern: 'correctness', title: 'defaultdict(default_factory=...)', why: 'becomes a key, not the factory' },
  { code: 'RUF030', name: 'assert-with-print-message', concern: 'correctness', title: 'print() as an assert message', why: 'prints at the wrong time and the message is None' },
  { code: 'SIM115', name: 'open-file-with-context-handler', concern: 'correctness', title: 'file opened outside with', why: 'the file stays open when the next line raises', question: 'Who closes this file if the next line raises?' },
  { code: 'ASYNC110', name: 'async-busy-wait', concern: 'correctness', title: 'busy wait in async code', why: 'burns the event loop waiting' },
  { code: 'ASYNC210', name: 'blocking-http-call-in-async-function', concern: 'correctness', title: 'blocking HTTP in async code', why: 'stalls every other task on the loop', question: 'What are the other tasks on this event loop doing while this call waits?' },
  { code: 'ASYNC220', name: 'create-subprocess-in-async-function', concern: 'correctness', title: 'blocking subprocess in async code', why: 'stalls every other task on the loop' },
  { code: 'ASYNC221', name: 'run-process-in-async-function', concern: 'correctness', title: 'blocking subprocess in async code', why: 'stalls every other task on the loop' },
  { code: 'ASYNC222', name: 'wait-for-process-in-async-function', concern: 'correctness', title: 'blocking wait in async code', why: 'stalls every other task on the loop' },
  { code: 'ASYNC230', name: 'blocking-open-call-in-async-function', concern: 'correctness', title: 'blocking open() in async code', why: 'stalls every other task on the loop' },
  { code: 'ASYNC251', name: 'blocking-sleep-in-async-function', concern: 'correctness', title: 'time.sleep in async code', why: 'stalls every other task on the loop', question: 'What are the other tasks on this event loop doing during this sleep?' },
  { code: 'T100', name: 'debugger', concern: 'correctness', title: 'debugger left in', why: 'stops the program where nobody is watching' },
];
