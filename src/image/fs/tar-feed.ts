import type { Extract } from 'tar-stream';

/** Feeds decompressed chunks into a tar-stream parser with back-pressure; a read error destroys the parser with it. */
export async function feedTar(chunks: AsyncIterable<Buffer>, extract: Extract): Promise<void> {
  try {
    for await (const chunk of chunks) {
      if (extract.destroyed) return;
      if (!extract.write(chunk)) await drained(extract);
    }
    extract.end(undefined);
  } catch (error) {
    extract.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Resolves on the next `drain` (or `close`), removing both listeners either way. */
function drained(extract: Extract): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      extract.off('drain', done);
      extract.off('close', done);
      resolve();
    };
    extract.on('drain', done);
    extract.on('close', done);
  });
}
