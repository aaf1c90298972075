import type Database from 'better-sqlite3';

/**
 * Makes every failure of `db` pass through `explain`: its statements (prepared from now on), its
 * pragmas, its `exec` and its transactions (COMMIT included). A damaged page, a lock held too long
 * or a full disk is found by whichever query touches it first, anywhere in the code; this way it
 * names its file and says what to do wherever it surfaces. `explain` returns the error to throw
 * (the original when it is not a fault of the file). Applied once a database is open, so the
 * opener's own retries still see SQLite's codes.
 */
export function explainFailures(db: Database.Database, explain: (error: unknown) => unknown): Database.Database {
  const guard = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      throw explain(error);
    }
  };
  const { prepare, pragma, exec, transaction } = db;
  db.prepare = ((source: string) => explainStatement(guard(() => prepare.call(db, source)), guard)) as typeof db.prepare;
  db.pragma = ((source: string, options?: Database.PragmaOptions) => guard(() => pragma.call(db, source, options))) as typeof db.pragma;
  db.exec = (source: string) => guard(() => exec.call(db, source));
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const made = transaction.call(db, fn);
    const wrap = (run: (...args: unknown[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        return guard(() => run.apply(this, args));
      };
    return Object.assign(wrap(made), { default: wrap(made.default), deferred: wrap(made.deferred), immediate: wrap(made.immediate), exclusive: wrap(made.exclusive), database: db });
  }) as typeof db.transaction;
  return db;
}

type Guard = <T>(run: () => T) => T;

function explainStatement<S extends Database.Statement>(statement: S, guard: Guard): S {
  const { run, get, all, iterate } = statement;
  statement.run = (...args: unknown[]) => guard(() => run.apply(statement, args));
  statement.get = (...args: unknown[]) => guard(() => get.apply(statement, args));
  statement.all = (...args: unknown[]) => guard(() => all.apply(statement, args));
  statement.iterate = (...args: unknown[]) => explainRows(guard(() => iterate.apply(statement, args)), guard);
  return statement;
}

/** Rows as the statement yields them; a failure while stepping is explained too. */
function* explainRows<T>(rows: IterableIterator<T>, guard: Guard): IterableIterator<T> {
  let finished = false;
  try {
    for (;;) {
      const next = guard(() => rows.next());
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Left early (a break, an error in the loop): the statement is released, as for-of would.
    if (!finished) rows.return?.();
  }
}
