import { unflattenPrefix } from '../src/sessions/unflatten';

test('dotted keys become nested objects and contiguous indexes arrays', () => {
  expect(
    unflattenPrefix(
      {
        'honeyhive_inputs.a.b': 1,
        'honeyhive_inputs.list.0': 'x',
        'honeyhive_inputs.list.1.k': 'y',
        'honeyhive_inputs.gap.1': 'z',
        'honeyhive_inputs.tags': ['t1', 't2'],
        'honeyhive_outputs.result': 'not mine',
        honeyhive_inputs_other: 'not mine either',
      },
      'honeyhive_inputs',
    ),
  ).toEqual({ a: { b: 1 }, list: ['x', { k: 'y' }], gap: { 1: 'z' }, tags: ['t1', 't2'] });
});

test('a value at the prefix itself: objects and JSON objects merge, others land under "value"', () => {
  expect(unflattenPrefix({ honeyhive_outputs: '{"a":1}', 'honeyhive_outputs.b': 2 }, 'honeyhive_outputs')).toEqual({ a: 1, b: 2 });
  expect(unflattenPrefix({ honeyhive_outputs: 'plain' }, 'honeyhive_outputs')).toEqual({ value: 'plain' });
  expect(unflattenPrefix({}, 'honeyhive_outputs')).toEqual({});
});

test('a scalar and a nested key on the same path keep both', () => {
  expect(unflattenPrefix({ 'p.a': 1, 'p.a.b': 2 }, 'p')).toEqual({ a: { _value: 1, b: 2 } });
});
