import { describe, expect, it } from 'vitest';
import { found } from './syntax-hits.js';

const hits = async (language: 'python' | 'java', code: string): Promise<string[]> => (await found(language, code)).filter((hit) => hit.includes('missing-record'));

describe('a lookup that may find nothing, used unchecked', () => {
  it("is Flask-SQLAlchemy's query.get handed to session.delete or reached into, and Java's orElse(null) reached into", async () => {
    const python = ['def delete_todo(id):', '    todo = Todo.query.get(id)', '    db.session.delete(todo)', 'def rename(id, title):', '    todo = Todo.query.filter_by(id=id).first()', '    todo.title = title'].join('\n');
    expect(await hits('python', python)).toEqual(['3 python/missing-record-used', '6 python/missing-record-used']);
    const java = ['class Bank {', '  void login(int number, String password) {', '    Account holder = accounts.stream().filter(a -> a.getNumber() == number).findFirst().orElse(null);', '    if (holder.getPassword().equals(password)) menu(holder);', '  }', '}'].join('\n');
    expect(await hits('java', java)).toEqual(['4 java/missing-record-used']);
  });

  it('leaves alone a result tested first, get_or_404, and a use inside a try', async () => {
    const python = ['def delete_todo(id):', '    todo = Todo.query.get(id)', '    if todo is None:', '        abort(404)', '    db.session.delete(todo)', 'def show(id):', '    todo = Todo.query.get_or_404(id)', '    return todo.title'].join('\n');
    expect(await hits('python', python)).toEqual([]);
    const java = ['class Config {', '  void load() {', '    Field field = Arrays.stream(fields).filter(f -> f.getName().equals(name)).findFirst().orElse(null);', '    try { field.getType(); } catch (Exception e) { fail(e); }', '  }', '}'].join('\n');
    expect(await hits('java', java)).toEqual([]);
  });
});
