import { createHash } from "node:crypto";

/** An object body as GetObject returns it: a Node stream in Lambda, a web stream elsewhere. */
export type ObjectBody = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

export type StreamDigest =
  /** The stream ended within the declared size. */
  | { outcome: "complete"; size: number; sha256: string; head: Uint8Array }
  /** The stream passed the declared size and reading stopped there. */
  | { outcome: "too-large"; bytesRead: number; head: Uint8Array };

export interface DigestOptions {
  /** Size the uploader declared; reading stops once the stream passes it. */
  declaredSize: number;
  /** How many leading bytes to keep for type sniffing. */
  headBytes: number;
}

function isWebStream(body: ObjectBody): body is ReadableStream<Uint8Array> {
  return typeof (body as ReadableStream<Uint8Array>).getReader === "function";
}

async function* chunksOf(body: ObjectBody): AsyncGenerator<Uint8Array> {
  if (!isWebStream(body)) {
    // Leaving a for-await loop early destroys a Node stream, which aborts the download.
    yield* body;
    return;
  }
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Reads an object body once, computing its SHA-256 and byte count and
 * keeping its first `headBytes` bytes. Memory use is bounded by the head and
 * one chunk, whatever the object's size.
 */
export async function digestStream(body: ObjectBody, options: DigestOptions): Promise<StreamDigest> {
  const hash = createHash("sha256");
  const head = new Uint8Array(options.headBytes);
  let headLength = 0;
  let size = 0;

  for await (const chunk of chunksOf(body)) {
    if (headLength < options.headBytes) {
      const part = chunk.subarray(0, options.headBytes - headLength);
      head.set(part, headLength);
      headLength += part.byteLength;
    }
    size += chunk.byteLength;
    if (size > options.declaredSize) {
      return { outcome: "too-large", bytesRead: size, head: head.slice(0, headLength) };
    }
    hash.update(chunk);
  }
  return { outcome: "complete", size, sha256: hash.digest("hex"), head: head.slice(0, headLength) };
}
