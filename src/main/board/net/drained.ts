/** Resolves on the stream's next `drain`; rejects if it closes first (or is already destroyed). */
export function drained(stream: NodeJS.WritableStream & { destroyed?: boolean }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed) return reject(new Error('stream closed'));
    const done = () => {
      stream.off('close', closed);
      resolve();
    };
    const closed = () => {
      stream.off('drain', done);
      reject(new Error('stream closed'));
    };
    stream.once('drain', done);
    stream.once('close', closed);
  });
}
