import { describe, expect, it } from 'vitest';
import { found } from './syntax-hits.js';

const hits = async (code: string): Promise<string[]> => (await found('java', code)).filter((hit) => hit.includes('end-of-input-unseen') || hit.includes('unchecked-read-line'));

describe("Java's endless read loop that never sees the input end", () => {
  it('is a readLine() in a loop that never tests what it read against null', async () => {
    const java = ['class Listener extends Thread {', '  public void run() {', '    while (true) {', '      try {', '        String resp = in.readLine();', '        chat.appendText(resp + "\\n");', '      } catch (IOException e) { e.printStackTrace(); }', '    }', '  }', '}'].join('\n');
    expect(await hits(java)).toEqual(['5 java/end-of-input-unseen']);
  });

  it('leaves alone reads tested for null, reads in the loop condition, accept loops, and a method called first (unchecked-read-line says that)', async () => {
    const java = [
      'class Reader {',
      '  void run() throws IOException {',
      '    String line;',
      '    while ((line = in.readLine()) != null) { show(line); }',
      '    for (;;) {',
      '      String next = in.readLine();',
      '      if (next == null) break;',
      '      show(next);',
      '    }',
      '    while (true) {',
      '      Socket s = server.accept();',
      '      String hello = new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();',
      '    }',
      '    while (true) {',
      '      String command = console.readLine();',
      '      if (command.equals("exit")) break;',
      '    }',
      '  }',
      '}',
    ].join('\n');
    expect(await hits(java)).toEqual(['16 java/unchecked-read-line']);
  });
});
