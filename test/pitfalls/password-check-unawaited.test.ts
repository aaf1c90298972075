import { describe, expect, it } from 'vitest';
import { found } from './syntax-hits.js';

const hits = async (code: string): Promise<string[]> => (await found('typescript', code)).filter((hit) => hit.includes('password-check-unawaited'));

describe('a password check tested without await', () => {
  it("is bcrypt.compare tested where it is made, or an injected service's compare kept in a name and tested", async () => {
    const ts = [
      'export class UserService {',
      '  async login(user: User, password: string) {',
      '    if (!bcrypt.compare(password, user.passwordHash)) throw new Error("no");',
      '  }',
      '  async change(user: User, dto: Dto) {',
      '    const valid = this.hashing.comparePassword(user.password, dto.password);',
      '    if (!valid) throw new Error("no");',
      '    user.password = await this.hashing.hashPassword(dto.newPassword);',
      '  }',
      '}',
    ].join('\n');
    expect(await hits(ts)).toEqual(['3 js/password-check-unawaited', '6 js/password-check-unawaited']);
  });

  it("leaves alone an awaited compare, compareSync, and a module's own helper that may be synchronous", async () => {
    const ts = [
      'export async function login(user: User, password: string) {',
      '  if (!(await bcrypt.compare(password, user.passwordHash))) throw new Error("no");',
      '  if (!bcrypt.compareSync(password, user.passwordHash)) throw new Error("no");',
      '  if (!passwordHash.verify(password, user.password)) throw new Error("no");',
      '  user.password = await passwordHash.generate(password);',
      '}',
    ].join('\n');
    expect(await hits(ts)).toEqual([]);
  });
});
