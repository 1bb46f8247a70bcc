/**
 * The slot checksum folds the 16 header bytes in JavaScript and the page in zlib: it must be the
 * CRC-32 zlib computes over the header and the page laid end to end, whatever the id and LSN.
 */
import { crc32 } from "node:zlib";
import { describe, expect, test } from "vitest";
import { slotCrc } from "./cache-engine";
import { CacheMemory } from "./layout";

/** The header as the checksum covers it: page id, then LSN, each a 64-bit big-endian word. */
function concatenated(pageId: number, lsn: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + bytes.length);
  const v = new DataView(out.buffer);
  v.setBigUint64(0, BigInt(pageId));
  v.setBigUint64(8, BigInt(lsn));
  out.set(bytes, 16);
  return out;
}

describe("slot checksum", () => {
  test("is CRC-32 of header and page end to end (zlib over the concatenation is the oracle)", () => {
    const page = new Uint8Array(512);
    let x = 12345;
    const ids = [0, 1, 255, 256, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 77, Number.MAX_SAFE_INTEGER];
    for (const pageId of ids)
      for (const lsn of ids) {
        for (let i = 0; i < page.length; i++) {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0;
          page[i] = x >>> 24;
        }
        expect(slotCrc(pageId, lsn, page)).toBe(crc32(concatenated(pageId, lsn, page)));
      }
  });

  test("CRC-32 of the standard check input '123456789' is 0xCBF43926 (the page carries it, the header is zeros)", () => {
    // With a zero header the checksum is CRC-32 of 16 zero bytes then the page; the check value
    // pins the polynomial and the bit order independently of zlib.
    const ascii = new TextEncoder().encode("123456789");
    expect(crc32(ascii)).toBe(0xcbf43926);
    expect(slotCrc(0, 0, ascii)).toBe(crc32(concatenated(0, 0, ascii)));
    expect(slotCrc(0, 0, ascii)).not.toBe(slotCrc(0, 1, ascii));
    expect(slotCrc(1, 0, ascii)).not.toBe(slotCrc(0, 1, ascii));
  });

  test("a slot's page view is made once and stays live; a slot outside the cache is refused", () => {
    const m = CacheMemory.create({ pageSize: 512, slotCount: 4 });
    const view = m.page(3);
    expect(m.page(3)).toBe(view);
    view[7] = 42;
    expect(m.copyPage(3)[7]).toBe(42);
    expect(() => m.page(4)).toThrow(/slot 4 is not a slot of this cache \(0\.\.3\)/);
    expect(() => m.page(-1)).toThrow(RangeError);
  });
});
