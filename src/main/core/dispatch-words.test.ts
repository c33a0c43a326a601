import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clipMessage, describeIssues, MAX_ERROR_CHARS } from './dispatch-words';

const words = (schema: z.ZodType, input: unknown): string => {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) throw new Error('expected a refusal');
  return describeIssues(r.error);
};

describe('the words of a refused request', () => {
  const schema = z
    .object({
      path: z.string().min(1).max(10),
      count: z.number().int().min(1),
      mode: z.enum(['a', 'b']),
      name: z.string().max(3, 'Keep the name short.').optional(),
    })
    .strict();

  it('says what is wrong in plain words, not in the validator’s', () => {
    expect(words(schema, {})).toBe('path is missing; count is missing; mode should be one of "a", "b".');
    expect(words(schema, { path: 5, count: 1.5, mode: 'a' })).toBe(
      'path should be text, not a number; count should be a whole number, not a number.',
    );
    expect(words(schema, { path: '', count: 0, mode: 'a', name: 'long' })).toBe(
      'path is empty; count is less than 1; name: Keep the name short.',
    );
    expect(words(schema, { path: 'x'.repeat(11), count: 1, mode: 'a' })).toBe(
      'path is longer than 10 characters.',
    );
    expect(words(schema, [])).toBe('the request should be an object, not a list.');
  });

  it('names a few unknown fields and counts the rest, however many and however long (the fuzz’s finding)', () => {
    const many = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, i]));
    const text = words(schema, { path: '/', count: 1, mode: 'a', ...many });
    expect(text).toBe('the request has no field named "k0", "k1", "k2" (and 39997 more unknown fields).');
    const huge = words(schema, { path: '/', count: 1, mode: 'a', ['\u0000'.repeat(100_000)]: 1 });
    expect(huge.length).toBeLessThan(200);
    expect(huge).toContain('"\\u0000\\u0000');
  });

  it('counts the problems past the third', () => {
    const s = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string() });
    expect(words(s, {})).toBe('a is missing; b is missing; c is missing (and 2 more problems).');
  });
});

describe('clipMessage', () => {
  it('shortens quoted input and caps the length', () => {
    const path = `/${'a'.repeat(4000)}`;
    const clipped = clipMessage(`Give a full path for downloads, not "${path}".`);
    expect(clipped).toMatch(/^Give a full path for downloads, not "\/a+…" \(4001 characters\)\.$/);
    expect(clipped.length).toBeLessThan(150);
    expect(clipMessage('x'.repeat(10_000))).toHaveLength(MAX_ERROR_CHARS);
    expect(clipMessage('There is no board "lab-1".')).toBe('There is no board "lab-1".');
  });
});
