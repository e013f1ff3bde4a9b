// Type declarations for the parts of s3rver 3.7.1 that local mode uses; the
// package ships none.
declare module "s3rver" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface S3rverBucketConfig {
    name: string;
    /** XML documents such as a `CORSConfiguration`. */
    configs?: Array<string | Buffer>;
  }

  export interface S3rverOptions {
    address?: string;
    port?: number;
    directory: string;
    silent?: boolean;
    configureBuckets?: S3rverBucketConfig[];
    vhostBuckets?: boolean;
    allowMismatchedSignatures?: boolean;
    resetOnClose?: boolean;
  }

  /** The record s3rver emits on its `event` event (not the AWS shape). */
  export interface S3rverEventRecord {
    eventName: string;
    eventTime: string;
    requestParameters: { sourceIPAddress: string };
    s3: {
      bucket: { name: string };
      object: { key: string; size?: number; eTag?: string; sequencer: string };
    };
  }

  export interface S3rverEvent {
    Records: S3rverEventRecord[];
  }

  export interface S3rverStore {
    getMetadata(bucket: string, key: string): Promise<Record<string, string>>;
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    readonly store: S3rverStore;
    configureBuckets(): Promise<void>;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    on(event: "event", listener: (event: S3rverEvent) => void): this;
    on(event: "error", listener: (error: Error) => void): this;
  }
}
