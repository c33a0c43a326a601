/** Where the window loads the UI from: the dev server's URL, or the built page. */
export type RendererSource =
  { readonly kind: 'url'; readonly url: string } | { readonly kind: 'file'; readonly path: string };

/**
 * `ELECTRON_RENDERER_URL` is electron-vite's dev server. A packaged app ignores it: anyone who can set the
 * environment of an installed app must not be able to make it load a page from elsewhere with the bridge attached.
 */
export function rendererSource(
  isPackaged: boolean,
  env: NodeJS.ProcessEnv,
  indexHtml: string,
): RendererSource {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && devUrl) return { kind: 'url', url: devUrl };
  return { kind: 'file', path: indexHtml };
}
