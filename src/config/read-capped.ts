// Reads a hand-written project file (connector.yaml, owners.yaml) with a size cap, before any parsing.
import { open } from 'node:fs/promises';

/** Hand-written config is kilobytes; a 50 MB connector.yaml took 3.8 GB to parse. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

export type CappedRead = { ok: true; text: string } | { ok: false; message: string };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The file's text, or a refusal when it is over `maxBytes`. Reads at most `maxBytes + 1` bytes, so a file that
 * grows while being read is refused too. Errors opening the file (ENOENT...) are thrown for the caller to word.
 */
export async function readCappedText(file: string, what: string, maxBytes = MAX_CONFIG_FILE_BYTES): Promise<CappedRead> {
  const handle = await open(file, 'r');
  try {
    const declared = (await handle.stat()).size;
    const refuse = (bytes: number): CappedRead => ({
      ok: false,
      message: `is ${size(bytes)}, over the ${size(maxBytes)} limit for ${what}: refused without parsing (is this the right file?)`,
    });
    if (declared > maxBytes) return refuse(declared);
    // Sized by the file (a zeroed 1 MB buffer per connector file was most of a scan's config-loading garbage), grown
    // up to the cap when the file grows while being read.
    let buffer = Buffer.allocUnsafe(declared + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return refuse(total);
    }
    return { ok: true, text: buffer.subarray(0, total).toString('utf8') };
  } finally {
    await handle.close();
  }
}
