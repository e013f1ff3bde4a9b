import { Stack } from "aws-cdk-lib";
import type * as s3 from "aws-cdk-lib/aws-s3";

/**
 * Returns the cdk-nag finding id for a wildcard over every object of `bucket`
 * (`AwsSolutions-IAM5[Resource::<LogicalId.Arn>/*]`), for acknowledging it.
 */
export function bucketObjectsFinding(bucket: s3.IBucket): string {
  const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
  return `AwsSolutions-IAM5[Resource::<${Stack.of(bucket).getLogicalId(cfnBucket)}.Arn>/*]`;
}
