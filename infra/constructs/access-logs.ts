import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

/** Retention of S3 server access logs and CloudFront logs. */
const ACCESS_LOG_RETENTION = Duration.days(365);

/**
 * The bucket that receives S3 server access logs of every other bucket and
 * the CloudFront access logs. It uses SSE-S3 because S3 server access logging
 * cannot deliver to a bucket whose default encryption is SSE-KMS.
 */
export class AccessLogs extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, "Bucket", {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs, so ACLs stay enabled and
      // the bucket owner still owns every delivered object.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: "expire-access-logs", expiration: ACCESS_LOG_RETENTION }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this.bucket).acknowledge({
      id: "AwsSolutions-S1",
      reason:
        "This bucket is the access-log destination; logging its own access into itself would " +
        "log every log delivery again without end.",
    });
  }

  /** Server access logging settings for a bucket, under its own prefix. */
  target(prefix: string): Pick<s3.BucketProps, "serverAccessLogsBucket" | "serverAccessLogsPrefix"> {
    return { serverAccessLogsBucket: this.bucket, serverAccessLogsPrefix: `s3/${prefix}/` };
  }
}
