// Reading openclaw.json's bytes before anything parses them: a size limit checked before the file is
// read whole (a 20 MB file cost ~1 GB of memory per edit), and the place of the first byte that is not
// UTF-8 (decoding turns such bytes into U+FFFD, so writing the text back would damage parts of the
// file no edit touched, and its backup along with them).
import { open } from 'node:fs/promises';
import { WarmclawError } from '../errors';
import { positionAt } from './json5/position';
import { msg } from '../../../shared/messages';

/** Real configs are under 100 KB; this leaves room for any hand-grown file and keeps memory bounded. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

const CHUNK = 64 * 1024;

/** `4.0 MB (4194305 bytes)`: the round size people compare, and the exact one for a file just over. */
function sizeText(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB (${n} bytes)`;
}

function tooLarge(path: string, size: string | undefined, limit: number): WarmclawError {
  const m = size === undefined ? msg('error.too-large-grew', { path, limit: sizeText(limit) }) : msg('error.too-large', { path, size, limit: sizeText(limit) });
  return new WarmclawError('invalid-file', m, { file: path });
}

/**
 * The file's bytes; refuses one over `limit` from its size before reading it, and stops reading at the
 * limit when the size said otherwise (a file still growing, a pipe). ENOENT and other errors pass through.
 */
export async function readConfigBytes(path: string, limit = MAX_CONFIG_BYTES): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size > limit) throw tooLarge(path, sizeText(size), limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The whole file in one read when its size is right; one byte more tells a file that grew.
      const buf = Buffer.allocUnsafe(Math.min(limit + 1 - total, Math.max(CHUNK, size + 1 - total)));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw tooLarge(path, undefined, limit);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    await fh.close();
  }
}

/** Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let more: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) more = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      more = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      more = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing past U+10FFFF
    } else return i;
    for (let k = 1; k <= more; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += more + 1;
  }
  return -1;
}

/** Where the first non-UTF-8 byte is, as an editor shows it; undefined for a clean file. */
export function invalidUtf8At(b: Uint8Array): { line: number; column: number; byte: number } | undefined {
  const at = firstInvalidUtf8(b);
  if (at < 0) return undefined;
  const before = Buffer.from(b.buffer, b.byteOffset, at).toString('utf8'); // clean up to `at`: decodes exactly
  return { ...positionAt(before, before.length), byte: b[at]! };
}

/** The refusal to edit a file with non-UTF-8 bytes (writing it would replace them with U+FFFD). */
export function notUtf8Error(path: string, where: { line: number; column: number; byte: number }): WarmclawError {
  const hex = where.byte.toString(16).toUpperCase().padStart(2, '0');
  return new WarmclawError('invalid-file', msg('error.not-utf8', { file: path, line: where.line, column: where.column, hex }), { line: where.line, column: where.column, file: path });
}
