import { PARSED_LANGUAGES, type Language, type ParsedLanguage } from '../../index/language.js';
import { parse } from '../../index/parse/tree-sitter.js';
import { ECMASCRIPT_RULES } from '../syntax/ecmascript.js';
import { GO_RULES } from '../syntax/go.js';
import { ONE_FAILURE_HANDLED_RULES } from '../syntax/one-failure-handled.js';
import { ANSWERED_THEN_CONTINUED_RULES } from '../syntax/answered-then-continued.js';
import { ASYNC_HANDLER_RULES } from '../syntax/async-handler.js';
import { BOT_STOPPED_BY_ANYONE_RULES } from '../syntax/bot-stopped-by-anyone.js';
import { BROWSER_LEFT_OPEN_RULES } from '../syntax/browser-left-open.js';
import { CHANGED_WHILE_ITERATING_RULES } from '../syntax/changed-while-iterating.js';
import { BUSY_WAIT_RULES } from '../syntax/busy-wait.js';
import { DB_PER_REQUEST_RULES } from '../syntax/db-per-request.js';
import { DISCARDED_RESULT_RULES } from '../syntax/discarded-result.js';
import { DROPPED_ERROR_RULES } from '../syntax/dropped-error.js';
import { ERROR_LOGGED_RULES } from '../syntax/error-logged.js';
import { ERROR_WITH_SUCCESS_RULES } from '../syntax/error-with-success.js';
import { CHECK_STOPS_NOTHING_RULES } from '../syntax/check-stops-nothing.js';
import { END_OF_INPUT_UNSEEN_RULES } from '../syntax/end-of-input-unseen.js';
import { FIND_BY_ID_OBJECT_RULES } from '../syntax/find-by-id-object.js';
import { ENV_NAME_SLIP_RULES } from '../syntax/env-name-slip.js';
import { ERROR_NOT_THROWN_RULES } from '../syntax/error-not-thrown.js';
import { TRANSACTION_UNUSED_RULES } from '../syntax/transaction-unused.js';
import { RECURSION_AS_LOOP_RULES } from '../syntax/recursion-as-loop.js';
import { BUFFER_HANDED_ON_RULES } from '../syntax/buffer-handed-on.js';
import { USERS_SENT_WHOLE_RULES } from '../syntax/users-sent-whole.js';
import { TELEGRAM_TEXT_UNCHECKED_RULES } from '../syntax/telegram-text-unchecked.js';
import { TEXT_COMPARED_WITH_NUMBER_RULES } from '../syntax/text-compared-with-number.js';
import { PASSWORD_IN_JSON_RULES } from '../syntax/password-in-json.js';
import { REWRITE_WITHOUT_TRUNCATE_RULES } from '../syntax/rewrite-without-truncate.js';
import { RESPONSE_METHOD_REPLACED_RULES } from '../syntax/response-method-replaced.js';
import { ONE_PASS_LOOP_RULES } from '../syntax/one-pass-loop.js';
import { RANDOM_REROLLED_RULES } from '../syntax/random-rerolled.js';
import { REPLY_PARSED_UNCAUGHT_RULES } from '../syntax/reply-parsed-uncaught.js';
import { RESULT_BEFORE_ERROR_RULES } from '../syntax/result-before-error.js';
import { ERROR_OVERWRITTEN_RULES } from '../syntax/error-overwritten.js';
import { EXIT_IN_HANDLER_RULES } from '../syntax/exit-in-handler.js';
import { FAILURE_TOLD_AS_SUCCESS_RULES } from '../syntax/failure-told-as-success.js';
import { FUNCTIONS_IN_LOOP_RULES } from '../syntax/functions-in-loop.js';
import { HARDCODED_KEY_RULES } from '../syntax/hardcoded-key.js';
import { ID_FROM_COUNT_RULES } from '../syntax/id-from-count.js';
import { IGNORED_PARAMETER_RULES } from '../syntax/ignored-parameters.js';
import { JAVA_RULES } from '../syntax/java.js';
import { SyntaxIndex, type SyntaxRule } from '../syntax/rule.js';
import { LOGGED_SECRET_RULES } from '../syntax/logged-secret.js';
import { PASSWORD_CHECK_UNAWAITED_RULES } from '../syntax/password-check-unawaited.js';
import { PASSWORD_HASH_RULES } from '../syntax/password-hash.js';
import { OWNER_CHECK_RULES } from '../syntax/owner-check.js';
import { PASSWORD_TO_FILE_RULES } from '../syntax/password-to-file.js';
import { LOGIN_FORGOTTEN_RULES } from '../syntax/login-forgotten.js';
import { MISSPELLED_NAME_RULES } from '../syntax/misspelled-name.js';
import { MISSING_RECORD_USED_RULES } from '../syntax/missing-record-used.js';
import { NEGATIVE_AMOUNT_RULES } from '../syntax/negative-amount.js';
import { PATH_FROM_REQUEST_RULES } from '../syntax/path-from-request.js';
import { PLAINTEXT_PASSWORD_RULES } from '../syntax/plaintext-password.js';
import { POSSIBLY_UNBOUND_RULES } from '../syntax/possibly-unbound.js';
import { PYTHON_RULES } from '../syntax/python.js';
import { RELEASED_BEFORE_CALLBACK_RULES } from '../syntax/released-before-callback.js';
import { SERVLET_SHARED_STATE_RULES } from '../syntax/servlet-shared-state.js';
import { SHARED_COLLECTION_RULES } from '../syntax/shared-collection.js';
import { SQL_PARAMETER_RULES } from '../syntax/sql-parameters.js';
import { STALE_LOOP_RULES } from '../syntax/stale-loop.js';
import { TLS_RULES } from '../syntax/tls.js';
import { USED_BEFORE_DECLARED_RULES } from '../syntax/used-before-declared.js';
import { WEAK_RANDOM_RULES } from '../syntax/weak-random.js';
import type { Engine, Pitfall } from '../types.js';

const RULES: readonly SyntaxRule[] = [...JAVA_RULES, ...GO_RULES, ...ONE_FAILURE_HANDLED_RULES, ...ECMASCRIPT_RULES, ...TLS_RULES, ...PASSWORD_HASH_RULES, ...PLAINTEXT_PASSWORD_RULES, ...PASSWORD_TO_FILE_RULES, ...OWNER_CHECK_RULES, ...LOGGED_SECRET_RULES, ...WEAK_RANDOM_RULES, ...PATH_FROM_REQUEST_RULES, ...HARDCODED_KEY_RULES, ...ERROR_LOGGED_RULES, ...ERROR_WITH_SUCCESS_RULES, ...FAILURE_TOLD_AS_SUCCESS_RULES, ...ANSWERED_THEN_CONTINUED_RULES, ...ASYNC_HANDLER_RULES, ...DROPPED_ERROR_RULES, ...BUSY_WAIT_RULES, ...BROWSER_LEFT_OPEN_RULES, ...DISCARDED_RESULT_RULES, ...IGNORED_PARAMETER_RULES, ...ID_FROM_COUNT_RULES, ...SHARED_COLLECTION_RULES, ...STALE_LOOP_RULES, ...PYTHON_RULES, ...POSSIBLY_UNBOUND_RULES, ...SQL_PARAMETER_RULES, ...RELEASED_BEFORE_CALLBACK_RULES, ...CHANGED_WHILE_ITERATING_RULES, ...NEGATIVE_AMOUNT_RULES, ...EXIT_IN_HANDLER_RULES, ...ERROR_OVERWRITTEN_RULES, ...USED_BEFORE_DECLARED_RULES, ...CHECK_STOPS_NOTHING_RULES, ...FUNCTIONS_IN_LOOP_RULES, ...DB_PER_REQUEST_RULES, ...SERVLET_SHARED_STATE_RULES, ...MISSPELLED_NAME_RULES, ...LOGIN_FORGOTTEN_RULES, ...ERROR_NOT_THROWN_RULES, ...TRANSACTION_UNUSED_RULES, ...RECURSION_AS_LOOP_RULES, ...BUFFER_HANDED_ON_RULES, ...USERS_SENT_WHOLE_RULES, ...TEXT_COMPARED_WITH_NUMBER_RULES, ...PASSWORD_IN_JSON_RULES, ...REWRITE_WITHOUT_TRUNCATE_RULES, ...RESPONSE_METHOD_REPLACED_RULES, ...RANDOM_REROLLED_RULES, ...ONE_PASS_LOOP_RULES, ...RESULT_BEFORE_ERROR_RULES, ...END_OF_INPUT_UNSEEN_RULES, ...FIND_BY_ID_OBJECT_RULES, ...ENV_NAME_SLIP_RULES, ...BOT_STOPPED_BY_ANYONE_RULES, ...REPLY_PARSED_UNCAUGHT_RULES, ...TELEGRAM_TEXT_UNCHECKED_RULES, ...MISSING_RECORD_USED_RULES, ...PASSWORD_CHECK_UNAWAITED_RULES];

function rulesFor(language: Language): SyntaxRule[] {
  return RULES.filter((rule) => (rule.languages as readonly Language[]).includes(language));
}

/** Our own syntax checks over the tree-sitter parse the index already uses: Java, Go, and what oxlint cannot see in JS/TS. */
export function createSyntaxEngine(): Engine {
  return {
    name: 'tree-sitter',
    handles: (language) => rulesFor(language).length > 0,
    async check(file) {
      const language = file.language as ParsedLanguage;
      // A rule whose words the file never mentions cannot fire: it costs neither its walk nor, when none is left, the parse.
      const rules = rulesFor(language).filter((rule) => rule.mentions?.test(file.text) ?? true);
      if (!PARSED_LANGUAGES.includes(language) || rules.length === 0) return [];
      const tree = await parse(file.text, language);
      if (!tree) throw new Error('tree-sitter could not parse the file');
      try {
        const index = new SyntaxIndex(tree, new Set(rules.flatMap((rule) => rule.types)));
        const found = await Promise.all(rules.map(async (rule) => ({ rule, hits: await rule.find(index, file) })));
        return found.flatMap(({ rule, hits }) =>
          hits.map(({ node, message, failure = rule.failure, concern = rule.concern }): Pitfall => ({
            engine: 'tree-sitter',
            ruleId: `tree-sitter/${rule.id}`,
            docsUrl: rule.docsUrl,
            concern,
            ...(failure ? { failure } : {}),
            startLine: node.startPosition.row + 1,
            endLine: node.endPosition.row + 1,
            message,
            title: rule.title,
            question: rule.question,
            fix: rule.fix,
          })),
        );
      } finally {
        tree.delete();
      }
    },
  };
}
