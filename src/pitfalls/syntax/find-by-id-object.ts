import { ECMASCRIPT } from './ecmascript-grammar.js';
import { calleeText, code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * Mongoose's `findById` given a filter instead of an id:
 *
 *   const result = await StudentModel.findById({ id })
 *
 * `findById(id)` is `findOne({ _id: id })`: it casts its argument to an ObjectId, and an object
 * without an `_id` of its own is none (its text is "[object Object]"), so every call fails with a
 * CastError (inside a transaction, it rolls the whole transaction back). The filter form is
 * `findOne({ id })`. An object with an `_id` (`{ _id: id }`, a document) is cast by its `_id`, and
 * is left alone.
 */

const FIND_BY_ID = /\.findById(?:AndUpdate|AndDelete|AndRemove|AndReplace)?$/;

const findByIdObject: SyntaxRule = {
  id: 'js/find-by-id-object',
  languages: ECMASCRIPT,
  concern: 'correctness',
  // Every call casts the object and fails.
  failure: 'certain',
  title: 'findById given an object, not an id',
  question: 'What does findById expect as its first argument, and what does it do with `{ id }`?',
  docsUrl: 'https://mongoosejs.com/docs/api/model.html#Model.findById()',
  fix: 'Pass the id itself, `Model.findById(id)`; to find by another field, use `Model.findOne({ id })`',
  types: ['call_expression'],
  mentions: /\.findById/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      const callee = calleeText(call);
      const first = code(call.childForFieldName('arguments')?.namedChildren ?? [])[0];
      const ownId = first?.namedChildren.some((property) => property !== null && /^["']?_id["']?$/.test((property.type === 'pair' ? property.childForFieldName('key') : property)?.text ?? ''));
      if (FIND_BY_ID.test(callee) && first?.type === 'object' && !ownId) {
        hits.push({ node: call, message: `\`${callee.split('.').at(-1) ?? ''}\` takes an id, and \`${first.text.replace(/\s+/g, ' ').slice(0, 30)}\` is an object: it cannot be cast to an ObjectId, so every call fails.` });
      }
    }
    return hits;
  },
};

export const FIND_BY_ID_OBJECT_RULES: readonly SyntaxRule[] = [findByIdObject];
