import type { S3Event, S3EventRecord } from "aws-lambda";
import type { S3rverEventRecord } from "s3rver";

/** Object-created event names that S3 sends and s3rver 3.7.1 emits. */
const CREATED_EVENTS = new Set(["ObjectCreated:Put", "ObjectCreated:Post", "ObjectCreated:Copy"]);

/** Local stand-in for the AWS account that owns the buckets. */
const LOCAL_PRINCIPAL_ID = "A000000000LOCAL";

/**
 * Encodes an object key the way S3 event notifications carry it: URL-encoded
 * with spaces as `+` and slashes left as they are. Decode it with
 * `decodeURIComponent(key.replace(/\+/g, " "))`.
 */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/g, "/");
}

export function isObjectCreated(record: S3rverEventRecord): boolean {
  return CREATED_EVENTS.has(record.eventName);
}

/**
 * Builds the AWS-shaped `S3Event` for one object-created record from s3rver.
 * s3rver leaves the key unencoded and the ETag out of copy events, so the
 * caller passes the stored ETag (without quotes, as S3 events carry it).
 */
export function toS3Event(record: S3rverEventRecord, eTag: string | undefined, region: string): S3Event {
  const bucketName = record.s3.bucket.name;
  const awsRecord: S3EventRecord = {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: region,
    eventTime: record.eventTime,
    eventName: record.eventName,
    userIdentity: { principalId: LOCAL_PRINCIPAL_ID },
    requestParameters: { sourceIPAddress: record.requestParameters.sourceIPAddress },
    responseElements: { "x-amz-request-id": record.s3.object.sequencer, "x-amz-id-2": "local" },
    s3: {
      s3SchemaVersion: "1.0",
      configurationId: "hubsecure-local",
      bucket: {
        name: bucketName,
        ownerIdentity: { principalId: LOCAL_PRINCIPAL_ID },
        arn: `arn:aws:s3:::${bucketName}`,
      },
      object: {
        key: encodeEventKey(record.s3.object.key),
        size: record.s3.object.size ?? 0,
        eTag: eTag ?? "",
        sequencer: record.s3.object.sequencer,
      },
    },
  };
  return { Records: [awsRecord] };
}
