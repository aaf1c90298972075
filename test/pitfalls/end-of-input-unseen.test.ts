import { describe, expect, it } from 'vitest';
import type { ParsedLanguage } from '../../src/index/language.js';
import { found } from './syntax-hits.js';

const hits = async (language: ParsedLanguage, code: string): Promise<string[]> => (await found(language, code)).filter((hit) => hit.includes('end-of-input-unseen'));

describe('an endless read loop that never sees the input end', () => {
  it('is a readLine() or a socket recv() in a loop that never tests what it read for the end', async () => {
    const java = ['class Listener extends Thread {', '  public void run() {', '    while (true) {', '      try {', '        String resp = in.readLine();', '        chat.appendText(resp + "\\n");', '      } catch (IOException e) { e.printStackTrace(); }', '    }', '  }', '}'].join('\n');
    expect(await hits('java', java)).toEqual(['5 java/end-of-input-unseen']);
    const python = ['def handle(client):', '    while True:', '        message = client.recv(1024).decode("utf-8")', '        broadcast(message)'].join('\n');
    expect(await hits('python', python)).toEqual(['3 python/end-of-input-unseen']);
  });

  it('leaves alone reads tested for the end, reads in the loop condition, accept loops and recv without a size', async () => {
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
      '  }',
      '}',
    ].join('\n');
    expect(await hits('java', java)).toEqual([]);
    const python = [
      'while True:',
      '    data = conn.recv(1024)',
      '    if not data:',
      '        break',
      'while True:',
      '    client, addr = server.accept()',
      '    nickname = client.recv(1024).decode()',
      'while True:',
      '    msg = pipe.recv()',
    ].join('\n');
    expect(await hits('python', python)).toEqual([]);
  });
});
