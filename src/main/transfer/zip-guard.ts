/**
 * The zip container of an .xlsx file, checked before exceljs sees a byte of it.
 *
 * 1. The central directory is read here (a few dozen lines, no dependency): entry count, declared
 *    uncompressed sizes (their total is bounded: a zip bomb is refused from its 22-byte trailer and
 *    its directory, before anything is inflated), no encryption, no ZIP64, no overlapping entries, and
 *    every local header agrees with the directory and the entries tile the file (no hidden entry a
 *    streaming reader would see and the directory would not).
 * 2. The entries exceljs will read are inflated once with an output cap equal to their declared size,
 *    so an entry that lies about its size is refused with bounded memory.
 * 3. Those entries only are re-packed, in the order exceljs's streaming reader needs (relationships,
 *    workbook, shared strings, then sheets) with their sizes in the local headers: exceljs then reads
 *    exactly what was checked, never a data descriptor it would have to guess the end of.
 */
import { inflateRawSync } from 'node:zlib';
import { mib, type ImportLimits } from './limits';
import { rejectFile } from './problems';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  dataOffset: number;
  /** end of the entry's bytes in the file (data plus data descriptor when present) */
  end: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_DESCRIPTOR = 0x08074b50;

/** Reads and checks the central directory. Throws ImportRejected with a French message. */
export function inspectZip(buf: Buffer, file: string, limits: ImportLimits): ZipEntry[] {
  const fail = (message: string) => rejectFile(file, message);
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw fail("classeur Excel 97-2003 (.xls) ou fichier protégé : enregistrez-le au format « Classeur Excel (.xlsx) »");
  }
  if (buf.length < 22 || buf.readUInt32LE(0) !== SIG_LOCAL) {
    throw fail("ce n'est pas un classeur Excel .xlsx (le fichier n'est pas une archive zip)");
  }
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_END && i + 22 + buf.readUInt16LE(i + 20) === buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fail("archive zip tronquée ou endommagée (fin de l'archive introuvable) : le fichier est incomplet");
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const entriesHere = buf.readUInt16LE(eocd + 8);
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw fail('archive ZIP64 non prise en charge (un classeur de cette taille dépasse de toute façon les limites)');
  }
  if (disk !== 0 || cdDisk !== 0 || entriesHere !== entries) throw fail('archive zip en plusieurs morceaux : non prise en charge');
  if (entries > limits.zipEntries) {
    throw fail(`archive zip de ${entries} fichiers : au plus ${limits.zipEntries} attendus pour un classeur (fichier suspect)`);
  }
  if (cdOffset + cdSize > eocd) throw fail("archive zip endommagée (répertoire central hors du fichier) : le fichier est incomplet");

  const list: ZipEntry[] = [];
  const names = new Set<string>();
  let declared = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== SIG_CENTRAL) throw fail('archive zip endommagée (répertoire central illisible)');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLength > cdOffset + cdSize) throw fail('archive zip endommagée (répertoire central illisible)');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw fail('archive ZIP64 non prise en charge');
    }
    if (flags & 0x1) throw fail('classeur chiffré ou protégé par mot de passe : enregistrez-le sans mot de passe');
    if (method !== 0 && method !== 8) throw fail(`archive zip : méthode de compression ${method} non prise en charge (« ${name} »)`);
    if (method === 0 && compressedSize !== uncompressedSize) throw fail(`archive zip endommagée (« ${name} » : tailles incohérentes)`);
    if (names.has(name)) throw fail(`archive zip : l'entrée « ${name} » figure deux fois (fichier suspect)`);
    names.add(name);
    declared += uncompressedSize;
    if (declared > limits.zipUncompressedBytes) {
      throw fail(
        `taille décompressée déclarée supérieure à ${mib(limits.zipUncompressedBytes)} (limite des classeurs importés) : fichier refusé avant décompression (bombe zip ?)`,
      );
    }
    // the local header must say the same thing as the directory
    if (localHeaderOffset + 30 > cdOffset || buf.readUInt32LE(localHeaderOffset) !== SIG_LOCAL) {
      throw fail(`archive zip endommagée (en-tête local de « ${name} » introuvable)`);
    }
    const localNameLength = buf.readUInt16LE(localHeaderOffset + 26);
    const localExtraLength = buf.readUInt16LE(localHeaderOffset + 28);
    const localName = buf.toString('utf8', localHeaderOffset + 30, localHeaderOffset + 30 + localNameLength);
    if (localName !== name || buf.readUInt16LE(localHeaderOffset + 8) !== method) {
      throw fail(`archive zip incohérente (« ${name} » : l'en-tête local ne correspond pas au répertoire central)`);
    }
    const dataOffset = localHeaderOffset + 30 + localNameLength + localExtraLength;
    let end = dataOffset + compressedSize;
    if (end > cdOffset) throw fail(`archive zip tronquée (« ${name} » dépasse la fin des données) : le fichier est incomplet`);
    if (flags & 0x8) {
      // data descriptor: optional signature, crc, sizes (12 or 16 bytes)
      end += end + 4 <= cdOffset && buf.readUInt32LE(end) === SIG_DESCRIPTOR ? 16 : 12;
      if (end > cdOffset) throw fail(`archive zip tronquée (« ${name} ») : le fichier est incomplet`);
    }
    list.push({ name, flags, method, crc32, compressedSize, uncompressedSize, localHeaderOffset, dataOffset, end });
  }
  // The entries must tile the file from its first byte to the directory: nothing hidden, nothing shared.
  const sorted = [...list].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let at = 0;
  for (const e of sorted) {
    if (e.localHeaderOffset !== at) throw fail(`archive zip incohérente (données non répertoriées ou entrées superposées avant « ${e.name} ») : fichier suspect`);
    at = e.end;
  }
  if (at !== cdOffset) throw fail('archive zip incohérente (données non répertoriées avant le répertoire central) : fichier suspect');
  return list;
}

/** Inflates one entry with its declared size as a hard cap; refuses an entry whose real size differs. */
export function checkedInflate(buf: Buffer, entry: ZipEntry, file: string): Buffer {
  const raw = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return raw;
  let out: Buffer;
  try {
    out = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw rejectFile(file, `« ${entry.name} » se décompresse au-delà de sa taille déclarée (${entry.uncompressedSize} octets) : fichier refusé (bombe zip ?)`);
    }
    throw rejectFile(file, `archive zip endommagée (« ${entry.name} » ne se décompresse pas : ${(e as Error).message})`);
  }
  if (out.length !== entry.uncompressedSize) {
    throw rejectFile(file, `archive zip incohérente (« ${entry.name} » : ${out.length} octets décompressés pour ${entry.uncompressedSize} déclarés)`);
  }
  return out;
}

/**
 * A new archive holding `entries` in the given order, their compressed bytes copied as they are and
 * their sizes in the local headers (no data descriptor).
 */
export function repack(buf: Buffer, entries: readonly (ZipEntry & { data?: Buffer })[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // names in UTF-8, sizes known
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc32, 14);
    local.writeUInt32LE(e.compressedSize, 18);
    local.writeUInt32LE(e.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    // an entry may bring its own (re-compressed) bytes: method, crc32 and sizes then describe them
    const data = e.data ?? buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    parts.push(local, name, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(SIG_CENTRAL, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc32, 16);
    c.writeUInt32LE(e.compressedSize, 20);
    c.writeUInt32LE(e.uncompressedSize, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}
