import { describe, expect, it } from 'vitest';
import { firstHandlerLine, guardedBy, insideHandler, insideTry, rowsText } from '../../../src/review/context/try-blocks.js';

const rows = (text: string, from = 1) => text.split('\n').map((line, index) => ({ line: from + index, text: line }));

describe('what a handler guards', () => {
  const python = 'def send(client, payload):\n    data = json.dumps(payload)\n    try:\n        client.post("/n", data=data)\n    except:\n        pass\n';

  it('is the lines from its try down to it, not the code before the try', () => {
    expect(guardedBy(rows(python), 5)).toBe('    try:\n        client.post("/n", data=data)');
  });

  it('is the try of its own level in Java and JavaScript, past a nested one', () => {
    const java = 'try (InputStream in = Files.newInputStream(path)) {\n  try {\n    inner();\n  } catch (X e) {\n    log(e);\n  }\n  props.load(in);\n} catch (IOException e) {\n}\n';
    expect(guardedBy(rows(java), 8)?.split('\n')[0]).toBe('try (InputStream in = Files.newInputStream(path)) {');
  });

  it('is nothing for a line that is no handler, or a handler whose try the change did not add', () => {
    expect(guardedBy(rows(python), 4)).toBeUndefined();
    expect(guardedBy(rows(python).slice(3), 5)).toBeUndefined();
  });
});

describe('a call inside a try', () => {
  it('is one under a try, even in an if inside it; not one after it or in its handler', () => {
    const text = 'def f(session, url):\n    try:\n        if url:\n            r = session.post(url)\n    except Error as e:\n        session.post(url)\n    session.post(url)\n';
    expect(insideTry(text, 4)).toBe(true);
    expect(insideTry(text, 6)).toBe(false);
    expect(insideTry(text, 7)).toBe(false);
  });
});

describe('code handling a failure', () => {
  it('is in a catch, an except or Go\'s if err != nil, even in an if inside one; not in a try, a finally or after them', () => {
    const python = 'def f(session, url):\n    try:\n        session.post(url)\n    except Error as e:\n        if url:\n            print(e)\n    finally:\n        print("done")\n    print("after")\n';
    expect([3, 6, 8, 9].map((line) => insideHandler(python, line))).toEqual([false, true, false, false]);
    const go = 'func load(path string) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\tfmt.Println(err)\n\t}\n\tif err := save(data); err != nil {\n\t\tfmt.Println("save failed")\n\t}\n\tfmt.Println("ok")\n}\n';
    expect([4, 7, 9].map((line) => insideHandler(go, line))).toEqual([true, true, false]);
  });
});

describe('a change\'s lines as text', () => {
  it('puts each added line at its own line number, so a handler around it is found', () => {
    const text = rowsText([{ line: 3, text: '  } catch (error) {' }, { line: 4, text: "    console.log('failed', error);" }]);
    expect(text.split('\n')).toEqual(['', '', '  } catch (error) {', "    console.log('failed', error);"]);
    expect(insideHandler(text, 4)).toBe(true);
  });

  it('finds the first handler that is not a finally', () => {
    expect(firstHandlerLine('try {\n  run();\n} finally {\n  done();\n}\ntry {\n  run();\n} catch (e) {\n  log.warn(e);\n}')).toBe(8);
    expect(firstHandlerLine('run();\n')).toBeUndefined();
  });
});
