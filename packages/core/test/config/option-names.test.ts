import { TRACER_OPTION_NAMES, suggestOptionName } from '../../src/config/option-names';

describe('suggestOptionName', () => {
  it.each([
    ['APIKEY', 'apiKey'],
    ['api-key', 'apiKey'],
    ['sessoinName', 'sessionName'],
    ['projcet', 'project'],
    ['maxAtributes', 'maxAttributes'],
    ['exportTimeout', 'exportTimeoutMs'],
  ])('%s → %s', (given, expected) => {
    expect(suggestOptionName(given)).toBe(expected);
  });

  it.each(['x', 'colour', 'completelyDifferent', ''])('%p → nothing', (given) => {
    expect(suggestOptionName(given)).toBeUndefined();
  });

  it('searches the list it is given', () => {
    expect(suggestOptionName('rnuId', ['runId', 'datasetId'])).toBe('runId');
  });

  it('lists every option name once', () => {
    expect(new Set(TRACER_OPTION_NAMES).size).toBe(TRACER_OPTION_NAMES.length);
  });
});
