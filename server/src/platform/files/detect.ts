/**
 * Content types told by content, not by name: PDF, JPEG, PNG and OFD (GB/T 33190, a ZIP package
 * whose root holds OFD.xml).
 */
export const detectableTypes = ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd'] as const;
export type DetectableType = (typeof detectableTypes)[number];

export const extensionOf: Record<DetectableType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/ofd': 'ofd',
};

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(buf: Uint8Array, bytes: number[], at = 0): boolean {
  if (buf.length < at + bytes.length) return false;
  return bytes.every((b, i) => buf[at + i] === b);
}

export function detectContentType(buf: Uint8Array): DetectableType | undefined {
  if (startsWith(buf, PNG)) return 'image/png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // PDF: "%PDF-" within the first 1024 bytes (the specification tolerates leading garbage).
  const head = Buffer.from(buf.subarray(0, 1024)).toString('latin1');
  if (head.startsWith('%PDF-') || head.includes('%PDF-1.') || head.includes('%PDF-2.')) return 'application/pdf';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) && zipEntryNames(buf)?.some((n) => n.toLowerCase() === 'ofd.xml')) return 'application/ofd';
  return undefined;
}

/**
 * Names in a ZIP's central directory, or undefined when it is not a readable ZIP. Reads only the
 * end-of-central-directory record and the directory itself (no decompression).
 */
export function zipEntryNames(buf: Uint8Array): string[] | undefined {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const minEocd = 22;
  if (b.length < minEocd) return undefined;
  // The EOCD record sits at the end, followed by a comment of at most 65535 bytes.
  let eocd = -1;
  for (let i = b.length - minEocd; i >= Math.max(0, b.length - minEocd - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = b.readUInt16LE(eocd + 10);
  const dirOffset = b.readUInt32LE(eocd + 16);
  const names: string[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    if (p + 46 + nameLen > b.length) return undefined;
    names.push(b.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}
