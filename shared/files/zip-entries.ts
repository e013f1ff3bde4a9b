import { inflateRawSync } from "node:zlib";

/**
 * Reads ZIP local file headers from the start of an archive, which is all a
 * sniffer reads of a large file. The central directory at the end would be
 * authoritative, but the processor keeps only the head of the object.
 */

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  /** Compressed bytes of this entry that lie inside the sample. */
  data: Uint8Array;
  /** True when the whole compressed entry lies inside the sample. */
  complete: boolean;
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_LENGTH = 30;
/** General-purpose flag bit 3: sizes follow the data, so the header's are zero. */
const FLAG_DATA_DESCRIPTOR = 0x0008;
/** A ZIP64 entry stores 0xFFFFFFFF here and the real size in an extra field. */
const ZIP64_SIZE = 0xffffffff;
const MAX_ENTRIES = 2000;

function uint16(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8);
}

function uint32(bytes: Uint8Array, offset: number): number {
  return (uint16(bytes, offset) | (uint16(bytes, offset + 2) << 16)) >>> 0;
}

function hasLocalHeaderAt(bytes: Uint8Array, offset: number): boolean {
  return offset + 4 <= bytes.length && uint32(bytes, offset) === LOCAL_HEADER_SIGNATURE;
}

function findNextLocalHeader(bytes: Uint8Array, from: number): number {
  for (let offset = from; offset + 4 <= bytes.length; offset++) {
    if (hasLocalHeaderAt(bytes, offset)) return offset;
  }
  return -1;
}

/**
 * Lists the entries whose local headers lie inside `sample`, in archive
 * order. An entry whose size is unknown from its header (data descriptor or
 * ZIP64) is skipped by searching for the next header signature. That search can in
 * rare cases match inside compressed data, so the result only guides labelling.
 */
export function readZipEntries(sample: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder("utf-8");
  let offset = 0;
  while (entries.length < MAX_ENTRIES && hasLocalHeaderAt(sample, offset)) {
    if (offset + LOCAL_HEADER_LENGTH > sample.length) break;
    const flags = uint16(sample, offset + 6);
    const method = uint16(sample, offset + 8);
    const compressedSize = uint32(sample, offset + 18);
    const nameLength = uint16(sample, offset + 26);
    const extraLength = uint16(sample, offset + 28);
    const nameEnd = offset + LOCAL_HEADER_LENGTH + nameLength;
    if (nameEnd > sample.length) break;
    const name = decoder.decode(sample.subarray(offset + LOCAL_HEADER_LENGTH, nameEnd));
    const dataStart = nameEnd + extraLength;

    const sizeKnown = !(flags & FLAG_DATA_DESCRIPTOR && compressedSize === 0) && compressedSize !== ZIP64_SIZE;
    if (sizeKnown) {
      const dataEnd = dataStart + compressedSize;
      entries.push({
        name,
        method,
        data: sample.subarray(Math.min(dataStart, sample.length), Math.min(dataEnd, sample.length)),
        complete: dataEnd <= sample.length,
      });
      offset = dataEnd;
    } else {
      const next = findNextLocalHeader(sample, Math.min(dataStart, sample.length));
      entries.push({ name, method, data: new Uint8Array(0), complete: false });
      if (next < 0) break;
      offset = next;
    }
  }
  return entries;
}

/** Largest inflated `[Content_Types].xml` the sniffer reads; real ones are a few KB. */
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

/**
 * Returns an entry's text when it is stored or deflated and wholly inside the
 * sample; undefined otherwise. The output limit guards against a ZIP bomb.
 */
export function entryText(entry: ZipEntry): string | undefined {
  if (!entry.complete) return undefined;
  try {
    if (entry.method === 0) return new TextDecoder("utf-8").decode(entry.data);
    if (entry.method === 8) {
      return inflateRawSync(entry.data, { maxOutputLength: MAX_CONTENT_TYPES_BYTES }).toString("utf8");
    }
  } catch {
    return undefined;
  }
  return undefined;
}
