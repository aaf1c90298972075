import type { Database } from 'better-sqlite3';

/**
 * The learner's record, as an ordered list of migrations. `meta.schema_version` records how many
 * have run; a file from a newer ArchAngel is refused rather than guessed at. Migrations only ever
 * add: chat history and the note record must survive every upgrade.
 *
 * Times are milliseconds since the epoch (INTEGER), so ranges compare in an index. A note's key is
 * (learner, id): the id is already a hash of path, topic and code, and the learner keeps two people
 * sharing one machine apart. `repo` and `branch` of a note say where it was seen last. Notes keep a
 * rowid (their rows carry ladder and evidence JSON, too big for WITHOUT ROWID) and history queries
 * break ties on it, which every index already ends with, so they need no sort.
 */
export const MIGRATIONS: ReadonlyArray<(db: Database) => void> = [
  (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        repo TEXT NOT NULL,
        branch TEXT NOT NULL,
        learner TEXT NOT NULL,
        target TEXT NOT NULL CHECK (target IN ('worktree', 'staged', 'range')),
        target_range TEXT,
        tutor TEXT NOT NULL,
        files TEXT NOT NULL DEFAULT '[]',
        file_count INTEGER NOT NULL DEFAULT 0,
        notes_given INTEGER,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cost_usd REAL,
        error TEXT
      );
      CREATE INDEX reviews_by_learner ON reviews (learner, repo, started_at);

      CREATE TABLE notes (
        learner TEXT NOT NULL,
        id TEXT NOT NULL,
        repo TEXT NOT NULL,
        branch TEXT NOT NULL,
        path TEXT NOT NULL,
        start_line INTEGER NOT NULL,
        end_line INTEGER NOT NULL,
        topic TEXT NOT NULL,
        category TEXT NOT NULL,
        severity TEXT NOT NULL,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        partial INTEGER NOT NULL DEFAULT 0,
        code TEXT NOT NULL,
        ladder TEXT NOT NULL,
        evidence TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        times_seen INTEGER NOT NULL DEFAULT 1,
        max_level INTEGER NOT NULL DEFAULT 1 CHECK (max_level BETWEEN 1 AND 4),
        dismissed_at INTEGER,
        resolved_at INTEGER,
        resolved_unaided INTEGER,
        resolved_review_id INTEGER REFERENCES reviews (id),
        times_resolved INTEGER NOT NULL DEFAULT 0,
        unaided_fixes INTEGER NOT NULL DEFAULT 0,
        relapses INTEGER NOT NULL DEFAULT 0,
        first_review_id INTEGER NOT NULL REFERENCES reviews (id),
        last_review_id INTEGER NOT NULL REFERENCES reviews (id),
        UNIQUE (learner, id)
      );
      -- Open notes of a file: what markResolved and openNotes read on every save.
      CREATE INDEX notes_open ON notes (learner, repo, path)
        WHERE resolved_at IS NULL AND dismissed_at IS NULL;
      -- Progress queries: recent notes, per topic or per category.
      CREATE INDEX notes_by_time ON notes (learner, last_seen);
      CREATE INDEX notes_by_topic ON notes (learner, topic, last_seen);
      CREATE INDEX notes_by_category ON notes (learner, category, last_seen);

      CREATE TABLE hint_events (
        id INTEGER PRIMARY KEY,
        learner TEXT NOT NULL,
        note_id TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
        at INTEGER NOT NULL,
        FOREIGN KEY (learner, note_id) REFERENCES notes (learner, id) ON DELETE CASCADE
      );
      CREATE INDEX hint_events_by_note ON hint_events (learner, note_id, at);

      CREATE TABLE chat_messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        repo TEXT NOT NULL,
        branch TEXT NOT NULL,
        learner TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
        text TEXT NOT NULL,
        note_id TEXT,
        citations TEXT NOT NULL DEFAULT '[]',
        at INTEGER NOT NULL,
        tutor TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cost_usd REAL,
        model TEXT
      );
      CREATE INDEX chat_by_conversation ON chat_messages (learner, repo, branch, id);
    `);
  },
  // 2: pair sessions: notes the navigator adds to the mentor pane, with their author.
  (db) => {
    db.exec(`
      CREATE TABLE pair_notes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        pair_session TEXT NOT NULL,
        repo TEXT NOT NULL,
        branch TEXT NOT NULL,
        learner TEXT NOT NULL,
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX pair_notes_by_repo ON pair_notes (learner, repo, at);
    `);
  },
  // 3: quiz answers, which count towards mastery of their topic (src/progress/thresholds.ts), and progress reads.
  (db) => {
    db.exec(`
      CREATE TABLE quiz_answers (
        id INTEGER PRIMARY KEY,
        learner TEXT NOT NULL,
        topic TEXT NOT NULL,
        note_id TEXT,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        -- A model's grade of a free answer (right, partly, wrong) and its one sentence; null offline.
        verdict TEXT CHECK (verdict IN ('right', 'partly', 'wrong')),
        feedback TEXT,
        grader TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX quiz_by_learner ON quiz_answers (learner, at);
      CREATE INDEX quiz_by_topic ON quiz_answers (learner, topic, at);

      -- The learner model reads every note's counts: a covering index, since the note rows are
      -- long (ladder, evidence) and their counts sit behind that text, on overflow pages.
      CREATE INDEX notes_progress ON notes (learner, last_seen, topic, category, title, severity, path, start_line, id,
        first_seen, times_seen, max_level, dismissed_at, resolved_at, resolved_unaided, times_resolved, unaided_fixes, relapses);
    `);
  },
  // 4: reviews shared between processes (`watch` and `lsp` on one repository, src/review/shared-review.ts):
  // whichever process claims a file's change first reviews it; the other waits for its notes.
  (db) => {
    db.exec(`
      CREATE TABLE shared_reviews (
        learner TEXT NOT NULL,
        -- A hash of the file's change and of what the review depends on (tutor, settings, index).
        key TEXT NOT NULL,
        path TEXT NOT NULL,
        -- The process reviewing it: host, pid and a session nonce.
        owner TEXT NOT NULL,
        claimed_at INTEGER NOT NULL,
        -- Null while the review runs; then the notes shown and the notes resolved, as JSON.
        finished_at INTEGER,
        notes TEXT,
        resolved TEXT,
        PRIMARY KEY (learner, key)
      ) WITHOUT ROWID;
      CREATE INDEX shared_reviews_by_time ON shared_reviews (learner, claimed_at);
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
