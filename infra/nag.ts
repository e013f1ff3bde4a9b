import { Stack } from "aws-cdk-lib";
import type * as s3 from "aws-cdk-lib/aws-s3";

/**
 * Returns the cdk-nag finding id for a wildcard over the objects of `bucket`
 * whose keys match `keyPattern` (`AwsSolutions-IAM5[Resource::<LogicalId.Arn>/<keyPattern>]`),
 * for acknowledging it. The default pattern `*` covers every object.
 */
export function bucketObjectsFinding(bucket: s3.IBucket, keyPattern = "*"): string {
  const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
  return `AwsSolutions-IAM5[Resource::<${Stack.of(bucket).getLogicalId(cfnBucket)}.Arn>/${keyPattern}]`;
}
