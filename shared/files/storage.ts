import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
} from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { s3Client } from "../aws/clients";
import { loadConfig } from "../config";
import { attachmentDisposition } from "./content-disposition";
import type { ObjectBody } from "./verify";

/**
 * The S3 calls of the file pipeline, one function per call, so the services
 * and the processor read as steps and every request's parameters sit here.
 */

export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

/**
 * Signs a POST form that lets a browser upload exactly one object: this key,
 * exactly `size` bytes, this Content-Type. S3 rejects a form that breaks any
 * condition; the processor checks the bytes again because local stand-ins
 * do not enforce POST policies.
 */
export async function createUploadForm(input: {
  key: string;
  size: number;
  contentType: string;
  uploadId: string;
  sha256: string;
  expiresInSeconds: number;
}): Promise<UploadForm> {
  const { url, fields } = await createPresignedPost(s3Client(), {
    Bucket: loadConfig().quarantineBucket,
    Key: input.key,
    // Every entry of Fields also becomes an exact-match condition of the policy.
    Fields: {
      "Content-Type": input.contentType,
      "x-amz-meta-upload-id": input.uploadId,
      "x-amz-meta-sha256": input.sha256,
    },
    Conditions: [["content-length-range", input.size, input.size]],
    Expires: input.expiresInSeconds,
  });
  return { url, fields };
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === "NotFound" || error.name === "NoSuchKey" || status === 404;
}

/**
 * Returns whether an object exists in the quarantine bucket. In AWS the
 * caller needs `s3:ListBucket` on the bucket to get 404 rather than 403 for
 * a missing key. A 403 is thrown, not read as "missing".
 */
export async function quarantineObjectExists(key: string): Promise<boolean> {
  try {
    await s3Client().send(new HeadObjectCommand({ Bucket: loadConfig().quarantineBucket, Key: key }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

export interface QuarantineObject {
  body: ObjectBody;
  /** The ETag as S3 returns it, quotes included. */
  eTag: string;
  contentLength: number | undefined;
}

/** Starts reading a quarantined object; undefined when it no longer exists. */
export async function openQuarantineObject(key: string): Promise<QuarantineObject | undefined> {
  try {
    const object = await s3Client().send(new GetObjectCommand({ Bucket: loadConfig().quarantineBucket, Key: key }));
    if (!object.Body || !object.ETag) throw new Error(`GetObject returned no body or ETag for ${key}`);
    return { body: object.Body as ObjectBody, eTag: object.ETag, contentLength: object.ContentLength };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

/**
 * Copies a verified quarantine object into the vault under SSE-KMS with the
 * vault key. `CopySourceIfMatch` makes S3 refuse the copy (412) if the object
 * was replaced after it was verified, so the vault contains the verified bytes.
 *
 * NOTE: s3rver 3.7.1 ignores `CopySourceIfMatch` and the SSE parameters, so
 * in local mode neither the ETag guard nor the encryption is exercised.
 */
export async function copyToVault(input: {
  sourceKey: string;
  eTag: string;
  destinationKey: string;
  contentType: string;
  metadata: Record<string, string>;
}): Promise<void> {
  const config = loadConfig();
  await s3Client().send(
    new CopyObjectCommand({
      Bucket: config.vaultBucket,
      Key: input.destinationKey,
      CopySource: copySource(config.quarantineBucket, input.sourceKey),
      CopySourceIfMatch: input.eTag,
      MetadataDirective: "REPLACE",
      ContentType: input.contentType,
      Metadata: input.metadata,
      ServerSideEncryption: "aws:kms",
      SSEKMSKeyId: config.vaultKmsKeyId,
      BucketKeyEnabled: true,
    }),
  );
}

/** Deletes a quarantined object; deleting a missing key succeeds, as in S3. */
export async function deleteQuarantineObject(key: string): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: loadConfig().quarantineBucket, Key: key }));
}

/**
 * Signs a GET URL for a vault object that makes the browser save it under
 * its original name, with the detected content type rather than the one
 * the uploader declared.
 */
export async function presignVaultDownload(input: {
  key: string;
  fileName: string;
  contentType: string;
  expiresInSeconds: number;
}): Promise<string> {
  return getSignedUrl(
    s3Client(),
    new GetObjectCommand({
      Bucket: loadConfig().vaultBucket,
      Key: input.key,
      ResponseContentDisposition: attachmentDisposition(input.fileName),
      ResponseContentType: input.contentType,
    }),
    { expiresIn: input.expiresInSeconds },
  );
}
