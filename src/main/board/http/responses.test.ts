import { describe, expect, it } from 'vitest';
import { mimeType, parseResource } from './responses';

describe('mimeType', () => {
  it('uses the firmware table, case-insensitively, text/plain otherwise', () => {
    expect(mimeType('/a/b.JPG')).toBe('image/jpg');
    expect(mimeType('/x.woff2')).toBe('font/woff2');
    expect(mimeType('/x.htm')).toBe('text/html');
    expect(mimeType('/x.json')).toBe('text/plain');
    expect(mimeType('/x.map')).toBe('text/plain');
    expect(mimeType('/README')).toBe('text/plain');
    expect(mimeType('/dir.d/README')).toBe('text/plain');
  });
});

describe('parseResource', () => {
  it('maps / to /index.html, strips the query, decodes escapes', () => {
    expect(parseResource('/?ws=8081')).toEqual({ ok: true, resource: '/', path: '/index.html' });
    expect(parseResource('/a%20b.txt?x')).toEqual({ ok: true, resource: '/a%20b.txt', path: '/a b.txt' });
    expect(parseResource('http://host:80/x')).toEqual({ ok: true, resource: '/x', path: '/x' });
  });

  it('refuses malformed escapes, non-paths and resources over 160 characters', () => {
    expect(parseResource('/%zz').ok).toBe(false);
    expect(parseResource('*').ok).toBe(false);
    expect(parseResource(`/${'a'.repeat(159)}`).ok).toBe(true);
    expect(parseResource(`/${'a'.repeat(160)}`).ok).toBe(false);
  });
});
