import { Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3n from "aws-cdk-lib/aws-s3-notifications";
import { Construct } from "constructs";
import type { AccessLogs } from "./access-logs";
import { AppFunction } from "./app-function";
import type { Data } from "./data";
import type { FunctionDefaults } from "./function-defaults";
import { bucketObjectsFinding } from "../nag";

export interface FilesProps {
  accessLogs: AccessLogs;
  /** Origin of the web app (`https://host`), the only origin allowed to POST uploads. */
  webOrigin: string;
}

/**
 * Key prefixes of uploaded and verified objects. They match the keys that
 * `shared/files/object-keys.ts` builds, which a stack test checks, and scope
 * the object grants and the processor's event filter.
 */
export const QUARANTINE_PREFIX = "quarantine/";
export const VAULT_PREFIX = "vault/";

/** Uploads that never got processed are removed after this long. */
const QUARANTINE_EXPIRATION = Duration.days(3);
/** Replaced or deleted vault objects stay recoverable for this long. */
const VAULT_NONCURRENT_EXPIRATION = Duration.days(30);

/**
 * File storage: a quarantine bucket that browsers upload into with presigned
 * POST forms and that the app never serves from, and a vault bucket that only
 * the file processor writes to after it has verified a file. Both buckets use
 * SSE-KMS under one customer-managed key.
 */
export class Files extends Construct {
  readonly key: kms.Key;
  readonly quarantineBucket: s3.Bucket;
  readonly vaultBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: FilesProps) {
    super(scope, id);

    this.key = new kms.Key(this, "FilesKey", {
      description: "HubSecure quarantine and vault objects",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const common: s3.BucketProps = {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      // S3 derives per-object data keys from a bucket-level key, so it calls KMS far less often.
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };

    this.quarantineBucket = new s3.Bucket(this, "QuarantineBucket", {
      ...common,
      ...props.accessLogs.target("quarantine"),
      lifecycleRules: [
        {
          id: "expire-unprocessed-uploads",
          expiration: QUARANTINE_EXPIRATION,
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        { id: "remove-expired-delete-markers", expiredObjectDeleteMarker: true },
      ],
      cors: [
        {
          allowedMethods: [s3.HttpMethods.POST],
          allowedOrigins: [props.webOrigin],
          allowedHeaders: ["*"],
          exposedHeaders: ["ETag"],
          maxAge: 3000,
        },
      ],
    });

    this.vaultBucket = new s3.Bucket(this, "VaultBucket", {
      ...common,
      ...props.accessLogs.target("vault"),
      lifecycleRules: [
        {
          id: "expire-old-versions",
          noncurrentVersionExpiration: VAULT_NONCURRENT_EXPIRATION,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
  }

  /**
   * Creates the file processor and runs it for every object created under
   * the quarantine prefix. It may read, list and delete in quarantine, write
   * to the vault, use the files key for both, and read and write the table.
   */
  addProcessor(defaults: FunctionDefaults, data: Data): AppFunction {
    const processor = new AppFunction(this, "ProcessorFunction", {
      ...defaults,
      name: "file-processor",
      description: "HubSecure file processor: verifies quarantined uploads and promotes them to the vault",
      // Hashing and sniffing stream the object, so memory mainly buys CPU.
      memorySize: 1024,
      timeout: Duration.minutes(5),
    });
    this.quarantineBucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.LambdaDestination(processor.function),
      { prefix: QUARANTINE_PREFIX },
    );

    // Promotion is a CopyObject, authorized as GetObject on the source and
    // PutObject on the target. For SSE-KMS objects the S3 CopyObject reference
    // lists kms:Decrypt (read the source) and kms:GenerateDataKey (encrypt the
    // copy) as the key permissions, so kms:Encrypt is not granted.
    this.grantObjects(processor.role, this.quarantineBucket, QUARANTINE_PREFIX, ["s3:GetObject", "s3:DeleteObject"]);
    this.grantObjects(processor.role, this.vaultBucket, VAULT_PREFIX, ["s3:PutObject"]);
    this.grantListing(processor.role, this.quarantineBucket);
    this.grantKey(processor.role, ["kms:Decrypt", "kms:GenerateDataKey"]);
    data.grantReadWrite(processor.role);

    // CDK adds the notification helper function once per stack, at stack level.
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith("BucketNotificationsHandler")) acknowledgeNotificationsHandler(child);
    }
    return processor;
  }

  /**
   * Grants the API function that signs upload forms and download URLs. A
   * presigned request runs with the signer's permissions, so the function
   * needs `PutObject` in quarantine and `GetObject` in the vault, plus the KMS
   * actions that S3 performs for those requests. Completing an upload checks
   * with HeadObject (authorized as `GetObject`) that the object arrived.
   */
  grantUploadsAndDownloads(grantee: iam.IGrantable): void {
    this.grantObjects(grantee, this.quarantineBucket, QUARANTINE_PREFIX, ["s3:PutObject", "s3:GetObject"]);
    this.grantListing(grantee, this.quarantineBucket);
    this.grantObjects(grantee, this.vaultBucket, VAULT_PREFIX, ["s3:GetObject"]);
    this.grantKey(grantee, ["kms:GenerateDataKey", "kms:Decrypt"]);
  }

  /** Lets HeadObject and GetObject return 404, not 403, for a missing key. */
  private grantListing(grantee: iam.IGrantable, bucket: s3.Bucket): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: [bucket.bucketArn] }),
    );
  }

  private grantObjects(grantee: iam.IGrantable, bucket: s3.Bucket, prefix: string, actions: string[]): void {
    const keyPattern = `${prefix}*`;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects(keyPattern)] }),
    );
    // Object keys are chosen per upload at run time, so the grant covers every
    // object under the bucket's one key prefix and nothing outside it.
    const role = grantee.grantPrincipal;
    if (role instanceof Construct) {
      Validations.of(role).acknowledge({
        id: bucketObjectsFinding(bucket, keyPattern),
        reason: "Object keys are generated per upload, so access is granted to the objects under this bucket's key prefix.",
      });
    }
  }

  private grantKey(grantee: iam.IGrantable, actions: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions,
        resources: [this.key.keyArn],
        conditions: {
          StringEquals: { "kms:ViaService": `s3.${Stack.of(this).region}.amazonaws.com` },
        },
      }),
    );
  }
}

function acknowledgeNotificationsHandler(handler: Construct): void {
  Validations.of(handler).acknowledge({
    id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
    reason:
      "CDK's bucket notification helper uses the managed basic execution role for its own logs; " +
      "it runs only during deployments.",
  });
}
