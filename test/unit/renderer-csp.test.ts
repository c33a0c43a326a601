// The renderer's page carries the same Content-Security-Policy as the header the app and browser mode send: the
// meta tag covers file:// pages in the packaged app, where the header is not proven to apply.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/security';

/** Directive name → its sources, in order. */
function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources.join(' ')]),
  );
}

function metaPolicy(html: string): string | undefined {
  const tag = /<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/i.exec(html)?.[0];
  return tag ? /content="([^"]*)"/.exec(tag)?.[1] : undefined;
}

describe('CSP of the renderer page', () => {
  const html = readFileSync(resolve(__dirname, '../../src/renderer/index.html'), 'utf8');

  it('is in index.html as a meta tag, the same as the header but for frame-ancestors', () => {
    const meta = metaPolicy(html);
    expect(meta).toBeDefined();
    const header = directives(CONTENT_SECURITY_POLICY);
    expect(header.get('frame-ancestors')).toBe("'none'");
    header.delete('frame-ancestors'); // a meta tag cannot carry it; the header keeps it
    expect(directives(meta!)).toEqual(header);
  });

  it('allows scripts only from the app itself', () => {
    const meta = directives(metaPolicy(html)!);
    expect(meta.get('script-src')).toBe("'self'");
    expect(meta.get('object-src')).toBe("'none'");
  });
});
