import { describe, expect, it, vi } from 'vitest';
import { rendererSource } from './renderer-source';

vi.mock('electron', () => ({}));

const html = '/opt/app/out/renderer/index.html';
const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };

describe('where the window loads the UI from', () => {
  it('uses the dev server while developing', () => {
    expect(rendererSource(false, env, html)).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
  });

  it('ignores ELECTRON_RENDERER_URL in the packaged app', () => {
    expect(rendererSource(true, { ELECTRON_RENDERER_URL: 'https://attacker.example/' }, html)).toEqual({
      kind: 'file',
      path: html,
    });
  });

  it('loads the built page when no dev server is named', () => {
    expect(rendererSource(false, {}, html)).toEqual({ kind: 'file', path: html });
  });
});
