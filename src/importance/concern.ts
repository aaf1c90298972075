/**
 * What matters first, in one place for both mentors, note selection and the pre-commit hook: the
 * order a senior reviewer raises things in, by consequence (MENTOR.md, "What comes first").
 *
 * - `security`: harm outside the code — a credential in the change, an injection.
 * - `correctness`: the code does the wrong thing — a swallowed error, a missing await, a call
 *   without a timeout, a mutable default, the wrong equality, a leaked resource.
 * - `design`: the code works but every later change pays — size, nesting, `any` weakening a
 *   type's contract, where tests live.
 * - `style`: names and local habits; what formatters and conventions are for.
 *
 * How many golden cases back a habit says how *sure* we are of it (whether to speak at all), never
 * how much it matters (the order and the severity).
 */
export type Concern = 'security' | 'correctness' | 'design' | 'style';

export type Severity = 'info' | 'warn' | 'error';

/** Most important first. */
export const CONCERN_ORDER: readonly Concern[] = ['security', 'correctness', 'design', 'style'];

/**
 * Severity follows consequence: a secret or an injection blocks a commit at the default
 * `--fail-on error`; a fault or a costly design is worth a warning; a name is worth knowing.
 */
export const CONCERN_SEVERITY: Readonly<Record<Concern, Severity>> = { security: 'error', correctness: 'warn', design: 'warn', style: 'info' };

/**
 * How a fault shows itself, which orders faults within a concern (MENTOR.md: "a live key, a
 * swallowed error, a missing timeout before a camelCase name"): `certain`, wrong every time the
 * line runs (an undefined name, `==` on strings, an endless loop); `hidden`, a failure nobody will
 * see happen (a swallowed or ignored error, a promise nobody waits for); unset, a risk that bites
 * some day (no timeout, a handle left open, a mutable default).
 *
 * For `security` the same word orders by who can do harm: `certain`, anyone, now (a live key in the
 * change, an injection, a key that signs tokens, the one password a login accepts); unset, harm
 * that waits for one more event (a password stored as typed or under a fast hash, waiting for a
 * leak of the table); `remote`, harm that needs what the code does not give: a password a person
 * chose for a service named elsewhere (`root` for the database on the same machine), which opens
 * nothing without access to it. A servlet's SQL injection, then its plain-text user passwords,
 * come before its `root`/`root` connection password.
 */
export type Failure = 'certain' | 'hidden' | 'remote';

const FAILURE_ORDER: readonly (Failure | undefined)[] = ['certain', 'hidden', undefined, 'remote'];

/** Sort order within a concern: a certain fault, then a hidden one, then a risk, then a remote one. */
export function surestFailureFirst(a: { failure?: Failure }, b: { failure?: Failure }): number {
  return FAILURE_ORDER.indexOf(a.failure) - FAILURE_ORDER.indexOf(b.failure);
}

/** Sort order, most important first. */
export function mostImportantFirst(a: { concern: Concern }, b: { concern: Concern }): number {
  return CONCERN_ORDER.indexOf(a.concern) - CONCERN_ORDER.indexOf(b.concern);
}
