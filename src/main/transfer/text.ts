/** Decoding imported text files: UTF-8 with or without BOM; anything else is refused saying where. */
import { rejectFile } from './problems';

/**
 * Where the first byte sequence that is not UTF-8 stands: line (1-based) and byte, or null when the
 * whole buffer is valid UTF-8 (overlong forms and surrogates are invalid, as for TextDecoder).
 */
export function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number; byte: number } | null {
  let line = 1;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === 0x0a) line++;
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return { offset: i, line, byte: b };
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { offset: i, line, byte: b };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { offset: i, line, byte: b };
    i += need + 1;
  }
  return null;
}

/** UTF-8 text of an imported file (BOM removed). Throws ImportRejected naming the line of the first bad byte. */
export function decodeUtf8(bytes: Buffer, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw rejectFile(file, 'fichier en UTF-16 : enregistrez-le en UTF-8 (dans Excel : « CSV UTF-8 (délimité par des virgules) »)');
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // not UTF-8: find where, to say it
  }
  const bad = firstInvalidUtf8(body);
  if (bad) {
    throw rejectFile(
      file,
      `encodage invalide : le fichier n'est pas en UTF-8 (octet 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')} à la position ${bad.offset + 1}, peut-être Windows-1252 ou Latin-1) ; enregistrez-le en UTF-8 (dans Excel : « CSV UTF-8 (délimité par des virgules) »)`,
      { row: bad.line },
    );
  }
  return body.toString('utf8');
}
