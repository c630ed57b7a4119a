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
    const buffer = Buffer.alloc(maxBytes + 1);
    let total = 0;
    for (;;) {
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
