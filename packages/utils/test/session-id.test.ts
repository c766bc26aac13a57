import { generateSessionId, isUuidV4, isValidSessionId, normalizeSessionId } from '../src/session-id';

describe('session ids', () => {
  it('generates distinct lower-case v4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 100 }, () => generateSessionId()));
    expect(ids.size).toBe(100);
    for (const id of ids) {
      expect(id).toBe(id.toLowerCase());
      expect(isUuidV4(id)).toBe(true);
      expect(isValidSessionId(id)).toBe(true);
    }
  });

  it('accepts any UUID shape in any case', () => {
    expect(isValidSessionId('6F1E3B6C-1C9A-11EF-9262-0242AC120002')).toBe(true); // v1
    expect(isValidSessionId('b3e1c2d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e')).toBe(true);
  });

  it('rejects other values', () => {
    for (const bad of ['', 'not-a-uuid', 'b3e1c2d4-5f6a-4b7c-8d9e-0f1a2b3c4d5', 'g3e1c2d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e', ' b3e1c2d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e', 42, null, undefined, {}]) {
      expect(isValidSessionId(bad)).toBe(false);
    }
  });

  it('tells v4 from other versions and variants', () => {
    expect(isUuidV4('B3E1C2D4-5F6A-4B7C-8D9E-0F1A2B3C4D5E')).toBe(true);
    expect(isUuidV4('6f1e3b6c-1c9a-11ef-9262-0242ac120002')).toBe(false);
    expect(isUuidV4('b3e1c2d4-5f6a-4b7c-cd9e-0f1a2b3c4d5e')).toBe(false);
    expect(isUuidV4(undefined)).toBe(false);
  });

  it('normalizes by trimming and lower-casing, undefined when not a UUID', () => {
    expect(normalizeSessionId('  B3E1C2D4-5F6A-4B7C-8D9E-0F1A2B3C4D5E\n')).toBe('b3e1c2d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e');
    expect(normalizeSessionId('nope')).toBeUndefined();
    expect(normalizeSessionId(123)).toBeUndefined();
  });
});
