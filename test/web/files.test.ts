import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { StoredFileDto } from "../../web/src/api/hubsecure-api";
import { formatBytes, formatDueDate, isOverdue } from "../../web/src/files/format";
import { pollFileUntilProcessed } from "../../web/src/files/poll-file";
import { runPool } from "../../web/src/files/run-pool";
import { sha256Hex, toHex } from "../../web/src/files/sha256";
import { uploadFile, type UploadSteps, type UploadUpdate } from "../../web/src/files/upload-file";
import { buildUploadForm, describeStorageError } from "../../web/src/files/upload-form";

function storedFile(status: StoredFileDto["status"], extra: Partial<StoredFileDto> = {}): StoredFileDto {
  return {
    fileId: "f1",
    workspaceId: "w1",
    requestId: "r1",
    fileName: "a.pdf",
    contentType: "application/pdf",
    size: 3,
    sha256: "0".repeat(64),
    status,
    uploadedBy: { userId: "u1", email: "client@example.com" },
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    version: 1,
    ...extra,
  };
}

describe("sha256Hex", () => {
  it("matches node's digest", async () => {
    const bytes = new TextEncoder().encode("Jahresabschluss-Übersicht [final].pdf");
    expect(await sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("hashes a Blob", async () => {
    expect(await sha256Hex(new Blob(["abc"]))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("pads each byte to two digits", () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe("000fff");
  });
});

describe("buildUploadForm", () => {
  it("puts the file last", () => {
    const form = buildUploadForm({ key: "quarantine/x", Policy: "p", "X-Amz-Signature": "s" }, new Blob(["abc"]), "Bilanz (2025).pdf");
    const names = [...form.keys()];
    expect(names).toEqual(["key", "Policy", "X-Amz-Signature", "file"]);
    const file = form.get("file");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe("Bilanz (2025).pdf");
  });
});

describe("describeStorageError", () => {
  it("reads the S3 message", () => {
    const xml = "<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>";
    expect(describeStorageError(400, xml)).toContain("exceeds the maximum allowed size");
    expect(describeStorageError(403, "")).toContain("HTTP 403");
  });
});

describe("pollFileUntilProcessed", () => {
  it("stops when the status changes", async () => {
    const states = [storedFile("processing"), storedFile("processing"), storedFile("rejected", { rejectionReason: "bad" })];
    let calls = 0;
    const result = await pollFileUntilProcessed(async () => states[calls++]!, { intervalMs: 1, maxIntervalMs: 1 });
    expect(result.status).toBe("rejected");
    expect(calls).toBe(3);
  });

  it("returns a processing file after the timeout", async () => {
    const result = await pollFileUntilProcessed(async () => storedFile("processing"), { intervalMs: 1, timeoutMs: 0 });
    expect(result.status).toBe("processing");
  });
});

describe("uploadFile", () => {
  it("runs the steps in order", async () => {
    const calls: string[] = [];
    const updates: UploadUpdate[] = [];
    const steps: UploadSteps = {
      hash: async () => {
        calls.push("hash");
        return "a".repeat(64);
      },
      createUpload: async (body) => {
        calls.push(`create ${body.fileName} ${body.contentType} ${body.size} ${body.sha256.slice(0, 4)}`);
        return { uploadId: "up1", fileId: "f1", url: "http://storage", fields: { key: "k" }, expiresAt: "x" };
      },
      postForm: async (url, form, onProgress) => {
        calls.push(`post ${url} ${[...form.keys()].join(",")}`);
        onProgress(0.5);
        onProgress(1);
      },
      completeUpload: async (uploadId) => {
        calls.push(`complete ${uploadId}`);
        return storedFile("processing");
      },
      getFile: async (fileId) => {
        calls.push(`get ${fileId}`);
        return storedFile("available");
      },
    };
    const file = new File(["abc"], "Kontoauszug-März.bin");
    const result = await uploadFile(file, steps, (update) => updates.push(update), { intervalMs: 1 });

    expect(result.status).toBe("available");
    expect(calls).toEqual([
      "hash",
      "create Kontoauszug-März.bin application/octet-stream 3 aaaa",
      "post http://storage key,file",
      "complete up1",
      "get f1",
    ]);
    expect(updates.map((update) => update.phase)).toEqual([
      "hashing",
      "starting",
      "uploading",
      "uploading",
      "uploading",
      "processing",
      "available",
    ]);
  });

  it("stops when storage rejects the post", async () => {
    let completed = false;
    const steps: UploadSteps = {
      hash: async () => "a".repeat(64),
      createUpload: async () => ({ uploadId: "u", fileId: "f", url: "http://s", fields: {}, expiresAt: "x" }),
      postForm: async () => {
        throw new Error("storage rejected");
      },
      completeUpload: async () => {
        completed = true;
        return storedFile("processing");
      },
      getFile: async () => storedFile("available"),
    };
    await expect(uploadFile(new File(["x"], "x.pdf", { type: "application/pdf" }), steps, () => undefined)).rejects.toThrow(
      "storage rejected",
    );
    expect(completed).toBe(false);
  });
});

describe("runPool", () => {
  it("limits concurrency and survives failures", async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5], 2, async (item) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      if (item === 2) throw new Error("boom");
      done.push(item);
    });
    expect(peak).toBe(2);
    expect(done.sort()).toEqual([1, 3, 4, 5]);
  });
});

describe("format", () => {
  it("formats sizes", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(1.3 * 1024 * 1024)).toBe("1.3 MB");
  });

  it("formats due dates in UTC", () => {
    expect(formatDueDate("2026-01-31")).toBe("31 Jan 2026");
    expect(formatDueDate(undefined)).toBe("No due date");
  });

  it("detects overdue dates", () => {
    expect(isOverdue("2025-01-01", "2025-01-02")).toBe(true);
    expect(isOverdue("2025-01-02", "2025-01-02")).toBe(false);
    expect(isOverdue(undefined, "2025-01-02")).toBe(false);
  });
});
