import { describe, expect, it } from 'vitest';
import { found } from './syntax-hits.js';

const hits = async (code: string): Promise<string[]> => (await found('javascript', code)).filter((hit) => hit.includes('reply-parsed'));

describe('a reply parsed in a stream callback with nothing to catch the failure', () => {
  it("is JSON.parse in a response's end or data callback with no try inside it", async () => {
    const js = [
      'const req = https.request(options, function (res) {',
      '  const chunks = [];',
      '  res.on("data", (chunk) => chunks.push(chunk));',
      '  res.on("end", function () {',
      '    const json = JSON.parse(Buffer.concat(chunks));',
      '    send(json.data[0]);',
      '  });',
      '});',
      'req.on("end", () => update(JSON.parse(body)));',
    ].join('\n');
    expect(await hits(js)).toEqual(['5 js/reply-parsed-uncaught', '9 js/reply-parsed-uncaught']);
  });

  it('leaves alone a parse with a try inside the callback, other events, and parses outside callbacks', async () => {
    const js = [
      'res.on("end", () => {',
      '  try { done(JSON.parse(body)); } catch (error) { fail(error); }',
      '});',
      'socket.on("message", (raw) => handle(JSON.parse(raw)));',
      'const config = JSON.parse(readFileSync("config.json", "utf8"));',
      'try { res.on("end", () => { JSON.parse(body); }); } catch {}',
    ].join('\n');
    expect(await hits(js)).toEqual(['6 js/reply-parsed-uncaught']);
  });
});
