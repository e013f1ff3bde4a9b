import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { digestStream } from "../../shared/files/verify";

function chunked(bytes: Buffer, chunkSize: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) chunks.push(bytes.subarray(offset, offset + chunkSize));
  return chunks;
}

function webStream(chunks: Buffer[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
  });
}

/** Returns an async iterable that counts how many chunks were pulled from it. */
function countingSource(chunks: Buffer[]): { source: AsyncIterable<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  return {
    source: {
      async *[Symbol.asyncIterator]() {
        for (const chunk of chunks) {
          pulled++;
          yield chunk;
        }
      },
    },
    pulled: () => pulled,
  };
}

const data = Buffer.from(Array.from({ length: 10_000 }, (_, index) => (index * 7) % 256));
const sha256 = createHash("sha256").update(data).digest("hex");

describe("digestStream", () => {
  it("hashes a chunked Node stream", async () => {
    const digest = await digestStream(Readable.from(chunked(data, 333)), { declaredSize: data.length, headBytes: 100 });
    expect(digest.outcome).toBe("complete");
    if (digest.outcome !== "complete") return;
    expect(digest.size).toBe(data.length);
    expect(digest.sha256).toBe(sha256);
    expect(Buffer.from(digest.head)).toEqual(data.subarray(0, 100));
  });

  it("hashes a web stream", async () => {
    const digest = await digestStream(webStream(chunked(data, 4096)), { declaredSize: data.length, headBytes: 64 });
    expect(digest).toMatchObject({ outcome: "complete", size: data.length, sha256 });
  });

  it("keeps a head across chunk boundaries", async () => {
    const digest = await digestStream(Readable.from(chunked(data, 7)), { declaredSize: data.length, headBytes: 20 });
    expect(Buffer.from(digest.head)).toEqual(data.subarray(0, 20));
  });

  it("keeps the whole of a short body", async () => {
    const digest = await digestStream(Readable.from([data.subarray(0, 10)]), { declaredSize: 10, headBytes: 100 });
    expect(digest).toMatchObject({ outcome: "complete", size: 10 });
    expect(Buffer.from(digest.head)).toEqual(data.subarray(0, 10));
  });

  it("reports a body shorter than declared", async () => {
    const digest = await digestStream(Readable.from(chunked(data, 1000)), { declaredSize: data.length + 1, headBytes: 10 });
    expect(digest).toMatchObject({ outcome: "complete", size: data.length });
  });

  it("stops early past the declared size", async () => {
    const { source, pulled } = countingSource(chunked(data, 1000));
    const digest = await digestStream(source, { declaredSize: 2500, headBytes: 10 });
    expect(digest).toMatchObject({ outcome: "too-large", bytesRead: 3000 });
    expect(pulled()).toBe(3);
  });

  it("cancels a web stream past the declared size", async () => {
    let cancelled = false;
    const chunks = chunked(data, 1000);
    let index = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(chunks[index++]!);
      },
      cancel() {
        cancelled = true;
      },
    });
    const digest = await digestStream(stream, { declaredSize: 1500, headBytes: 10 });
    expect(digest.outcome).toBe("too-large");
    expect(cancelled).toBe(true);
  });

  it("destroys a Node stream past the declared size", async () => {
    const stream = Readable.from(chunked(data, 1000));
    await digestStream(stream, { declaredSize: 1500, headBytes: 10 });
    expect(stream.destroyed).toBe(true);
  });
});
