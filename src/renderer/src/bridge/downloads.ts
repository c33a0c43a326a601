/**
 * Hands a file the core wrote to the browser as a download. In browser mode the core answers with `download`, the
 * URL path of a one-time download on the page's own server (the token cookie goes along); the desktop app gets
 * none, since the file is already in the folder the user chose.
 */
export function offerDownload(download: string | undefined): void {
  if (!download) return;
  const a = document.createElement('a');
  a.href = download;
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
