import { describe, expect, it } from 'vitest';
import { childPath, itemsPath, matchesGlob } from '../../src/core/jsonpath.js';

describe('jsonpath', () => {
  it('builds child and item paths, quoting keys that need it', () => {
    expect(childPath('$', 'data')).toBe('$.data');
    expect(childPath(itemsPath('$.data'), 'amount_due')).toBe('$.data[*].amount_due');
    expect(childPath('$', 'a b')).toBe("$['a b']");
    expect(childPath('$', 'x-rate')).toBe("$['x-rate']");
    expect(childPath('$', "it's")).toBe("$['it\\'s']");
    expect(childPath('$', '1st')).toBe("$['1st']");
  });

  it.each<[string, string, boolean]>([
    ['$.data[*].amount_due', '$.data[*].amount_due', true],
    ['$.data[*].amount_due', '$.data[*].*', true],
    ['$.data[*].customer.id', '$.data[*].*', false],
    ['$.data[*].customer.id', '$.data.**', false],
    ['$.data[*].customer.id', '$.data**', true],
    ['$.data[*].customer.id', '$.**.id', true],
    ['$.metadata.order_id', '$.metadata.*_id', true],
    ['$.metadataXorder', '$.metadata.order', false],
    ['status', 'status', true],
    ['status', '*', true],
    ['$.a', '$.b', false],
  ])('%s matches %s: %s', (path, glob, want) => {
    expect(matchesGlob(path, glob)).toBe(want);
  });
});
