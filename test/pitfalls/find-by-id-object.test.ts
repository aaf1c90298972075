import { describe, expect, it } from 'vitest';
import { found } from './syntax-hits.js';

describe("Mongoose's findById given an object", () => {
  it('is a filter without an _id handed to findById or findByIdAndUpdate; not an id, nor an object with its own _id', async () => {
    const ts = [
      'export const getOne = async (id: string) => {',
      '  const a = await StudentModel.findById({ id });',
      '  const b = await User.findByIdAndUpdate({ id: userId }, { isDeleted: true });',
      '  const c = await StudentModel.findById(id);',
      '  const d = await Faculty.findByIdAndUpdate({ _id: id }, data);',
      '  const e = await StudentModel.findOne({ id });',
      '  return [a, b, c, d, e];',
      '};',
    ].join('\n');
    expect((await found('typescript', ts)).filter((hit) => hit.includes('find-by-id'))).toEqual(['2 js/find-by-id-object', '3 js/find-by-id-object']);
  });
});
