import { describe, expect, it } from 'vitest';
import { found, syntaxEngine as engine } from './syntax-hits.js';

describe('SQL built from strings', () => {
  it('finds a value pasted inside a double-quoted string, as MySQL and SQLite read them', async () => {
    const typescript = [
      'export async function filterUser(req: Request, res: Response) {',
      '  const result = await connection.raw(`SELECT * FROM users WHERE name LIKE "%${req.query.name}%"`);',
      '  const named = await connection.raw(`SELECT "name", "email" FROM users WHERE id = ?`, [req.params.id]);',
      '  res.send(result);',
      '}',
    ].join('\n');
    expect(await found('typescript', typescript)).toEqual(['2 js/sql-built-from-strings']);
  });

  it('finds a value pasted into a query by +, a template, String.format and fmt.Sprintf, and teaches it as security', async () => {
    const typescript = `export function byEmail(email: string, id: number) {
  const query = "SELECT id, name FROM customers WHERE email = '" + email + "'";
  db.prepare(\`DELETE FROM carts WHERE customer_id = \${id}\`).run();
  return db.prepare(query).get();
}
`;
    expect(await found('typescript', typescript)).toEqual(['2 js/sql-built-from-strings', '3 js/sql-built-from-strings']);
    const [pitfall] = await engine.check({ path: 'src/db.ts', language: 'typescript', text: typescript });
    expect(pitfall).toMatchObject({ concern: 'security', title: 'SQL built from strings', docsUrl: expect.stringContaining('owasp.org') });
    expect(pitfall?.message).toContain('`email`');
    expect(pitfall?.fix).toContain('bound parameter');

    const java = `class Orders {
  List<String> ids(Statement statement, String customer) throws SQLException {
    ResultSet rs = statement.executeQuery("SELECT id FROM orders WHERE customer_id = '" + customer + "'");
    String sql = String.format("UPDATE orders SET status = '%s' WHERE id = %d", status, id);
    String text = """
        select id from orders where note like '%s'
        """.formatted(note);
    return List.of();
  }
}
`;
    expect(await found('java', java)).toEqual(['3 java/sql-built-from-strings', '4 java/sql-built-from-strings', '5 java/sql-built-from-strings']);

    const go = `package store

func Orders(db *sql.DB, userID int64, status string) {
	query := "SELECT id FROM orders WHERE user_id = " + fmt.Sprint(userID) + " AND status = '" + status + "'"
	db.Query(fmt.Sprintf(\`SELECT id FROM orders WHERE status = '%s'\`, status))
	db.Query(query)
}
`;
    expect(await found('go', go)).toEqual(['4 go/sql-built-from-strings', '5 go/sql-built-from-strings']);
  });

  it('finds a clause piece built apart with its value quoted, in a file that writes SQL, and not in one that does not', async () => {
    const update = [
      'package handlers',
      '',
      'func UpdateTodo(c *gin.Context) {',
      '\tsetClauses := []string{}',
      '\tif payload.Title != nil {',
      '\t\tupdateTitleStmt := fmt.Sprintf("title = \'%s\'", *payload.Title)',
      '\t\tsetClauses = append(setClauses, updateTitleStmt)',
      '\t}',
      '\tstmt := fmt.Sprintf("UPDATE todos SET %s WHERE id = $1", strings.Join(setClauses, ", "))',
      '\tdb.QueryRow(stmt, id)',
      '}',
    ].join('\n');
    expect((await found('go', update)).filter((hit) => hit.includes('sql-built'))).toEqual(['6 go/sql-built-from-strings']);
    const message = ['package config', '', 'func check(name string) error {', '\treturn errors.New(fmt.Sprintf("name = \'%s\'", name))', '}'].join('\n');
    expect((await found('go', message)).filter((hit) => hit.includes('sql-built'))).toEqual([]);
  });

  it('leaves parameterised queries, names and clauses joined in, constants, numbers, placeholder lists and prose alone', async () => {
    const typescript = `const COLUMNS = 'id, name';
const OPEN = 'resolved_at IS NULL';
export function lookups(db: Database, table: string, ids: number[], where: string, dir: string) {
  db.prepare('SELECT id FROM users WHERE name = ?').get(name);
  db.prepare(\`SELECT \${COLUMNS} FROM users WHERE id = ? AND \${OPEN}\`).get(id);
  db.prepare(\`SELECT COUNT(*) AS n FROM \${table}\`).get();
  db.prepare(\`SELECT id FROM users WHERE id IN (\${ids.map(() => '?').join(', ')})\`).all(...ids);
  db.prepare(\`SELECT id FROM events \${where} ORDER BY at\`).all(params);
  db.prepare(\`SELECT id FROM events WHERE at > \${LIMITS.SINCE}\`).all();
  log.info("Select a file from " + dir);
  throw new Error("Could not delete from " + table + ": " + reason);
}
`;
    expect(await found('typescript', typescript)).toEqual([]);

    const java = `class Customers {
  Customer find(Connection connection, String email, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT id, name FROM customers WHERE email = ?")) {
      statement.setString(1, email);
    }
    String count = "SELECT COUNT(*) FROM " + table;
    return null;
  }
}
`;
    expect(await found('java', java)).toEqual([]);

    const go = `package store

func Customer(ctx context.Context, db *sql.DB, email string, limit int, table string) {
	db.QueryRowContext(ctx, "SELECT id, name FROM customers WHERE email = $1", email)
	db.Query(fmt.Sprintf("SELECT id FROM customers WHERE id > %d LIMIT %d", 10, limit))
	db.Query("SELECT id FROM " + table + " WHERE email = $1", email)
}
`;
    expect(await found('go', go)).toEqual([]);
  });
});

describe('shell commands built from strings', () => {
  it('finds child_process exec with a template, execSync with a +, a promisified exec and sh -c through spawn', async () => {
    const code = `const { exec, execSync, spawn } = require('node:child_process');
const util = require('node:util');
const run = util.promisify(exec);

function backup(database, target) {
  exec(\`pg_dump \${database} | gzip > \${target}\`, (error) => callback(error));
  execSync('tar czf ' + target + ' data');
  const line = \`convert \${database} out.png\`;
  spawn('sh', ['-c', line]);
  return run(\`ls \${target}\`);
}
`;
    expect(await found('javascript', code)).toEqual(['6 js/shell-command-from-strings', '7 js/shell-command-from-strings', '9 js/shell-command-from-strings', '10 js/shell-command-from-strings']);
  });

  it('leaves argument lists, constant commands, other modules and regular expressions alone', async () => {
    const code = `import * as cp from 'node:child_process';

export function branch(cwd: string, name: string, text: string) {
  cp.spawn('git', ['checkout', name], { cwd });
  cp.execFile('convert', [name, 'out.png']);
  cp.exec('git status --short');
  cp.execSync(\`git log -1\`);
  const match = /^ref: (.*)$/.exec(text);
  db.exec(\`DROP TABLE \${name}\`);
  return match;
}
`;
    expect(await found('typescript', code)).toEqual([]);
    expect(await found('javascript', 'function f(pattern, text) {\n  return exec(`${pattern}`) || pattern.exec(text);\n}\n')).toEqual([]);
  });

  it('finds sh -c in Java through Runtime.exec and ProcessBuilder, and leaves plain argument lists alone', async () => {
    const code = `class Thumbnailer {
  int make(String file, String out) throws Exception {
    String command = "convert " + file + " -resize 200x200 " + out;
    Process process = Runtime.getRuntime().exec(new String[] {"sh", "-c", command});
    new ProcessBuilder("bash", "-c", "rm -rf " + out).start();
    new ProcessBuilder(List.of("/bin/sh", "-c", String.format("ls %s", out))).start();
    String[] archive = {"sh", "-c", "tar czf " + out + ".tgz " + file};
    Runtime.getRuntime().exec(archive);
    new ProcessBuilder("convert", file, out).start();
    new ProcessBuilder(List.of("ls", "-la", out)).start();
    Runtime.getRuntime().exec(new String[] {"ls", out});
    new ProcessBuilder("sh", "-c", "ls -la").start();
    return process.waitFor();
  }
}
`;
    expect(await found('java', code)).toEqual(['4 java/shell-command-from-strings', '5 java/shell-command-from-strings', '6 java/shell-command-from-strings', '7 java/shell-command-from-strings']);
  });

  it('finds sh -c in Go through exec.Command and exec.CommandContext, and leaves a program with its arguments alone', async () => {
    const code = `package media

func Thumbnail(ctx context.Context, in, out string) error {
	cmd := exec.Command("sh", "-c", "convert "+in+" -resize 200x200 "+out)
	line := fmt.Sprintf("gzip %s", out)
	exec.CommandContext(ctx, "/bin/bash", "-c", line).Run()
	exec.Command("convert", in, out).Run()
	exec.Command("sh", "-c", "ls -la").Run()
	exec.CommandContext(ctx, "sh", "scripts/thumb.sh", in).Run()
	return cmd.Run()
}
`;
    expect(await found('go', code)).toEqual(['4 go/shell-command-from-strings', '6 go/shell-command-from-strings']);
  });
});
