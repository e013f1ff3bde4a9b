import { Duration, Stack, Validations } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { bucketObjectsFinding } from "../nag";
import { AppFunction } from "./app-function";
import type { Data } from "./data";
import { QUARANTINE_PREFIX, type Files } from "./files";
import type { FunctionDefaults } from "./function-defaults";

export interface UploadSweeperProps {
  functions: FunctionDefaults;
  data: Data;
  files: Files;
}

/** How often the sweeper runs. A file is swept at the first run after its grace period. */
export const UPLOAD_SWEEP_INTERVAL = Duration.minutes(15);

/** Index the sweeper queries; it lists `processing` files by form expiry. */
const PROCESSING_INDEX = "GSI2";

/**
 * Actions on the table's key for reading and writing through DynamoDB, the
 * same set that `Data.grantReadWrite` grants.
 */
const TABLE_KEY_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"];

/**
 * A scheduled function that rejects files whose upload form expired without
 * their bytes arriving (`shared/files/sweep-abandoned.ts`). It may query the
 * processing index, get and put table items, and HeadObject in quarantine.
 */
export class UploadSweeper extends Construct {
  readonly function: AppFunction;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: UploadSweeperProps) {
    super(scope, id);

    this.function = new AppFunction(this, "SweeperFunction", {
      ...props.functions,
      name: "upload-sweeper",
      description: "HubSecure upload sweeper: rejects files whose upload form expired without their bytes",
      memorySize: 256,
      timeout: Duration.minutes(2),
    });
    // A failed run is not retried: the next scheduled run sweeps the same files.
    this.function.function.configureAsyncInvoke({ retryAttempts: 0 });

    // EventBridge retries only its delivery to Lambda. A delivery that is
    // older than one interval is dropped because the next run has started.
    this.rule = new events.Rule(this, "Schedule", {
      description: "Runs the HubSecure upload sweeper",
      schedule: events.Schedule.rate(UPLOAD_SWEEP_INTERVAL),
      targets: [
        new targets.LambdaFunction(this.function.function, { retryAttempts: 2, maxEventAge: UPLOAD_SWEEP_INTERVAL }),
      ],
    });

    this.grantTable(props.data);
    this.grantQuarantineHead(props.files);
  }

  /**
   * Query on the processing index, GetItem to re-read a file after a failed
   * condition, and PutItem for the file's next state and its audit event
   * (each part of a TransactWriteItems is authorized as its item action).
   */
  private grantTable(data: Data): void {
    const role = this.function.role;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["dynamodb:Query"],
        resources: [`${data.table.tableArn}/index/${PROCESSING_INDEX}`],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [data.table.tableArn] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: TABLE_KEY_ACTIONS,
        resources: [data.key.keyArn],
        conditions: { StringEquals: { "kms:ViaService": `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }

  /**
   * HeadObject is authorized as `s3:GetObject`; `s3:ListBucket` makes a
   * missing key a 404 rather than a 403.
   *
   * NOTE: no files-key permission is granted, because HeadObject returns
   * metadata without decrypting the object. This has not been run against a
   * deployed bucket yet.
   */
  private grantQuarantineHead(files: Files): void {
    const role = this.function.role;
    const keyPattern = `${QUARANTINE_PREFIX}*`;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["s3:GetObject"],
        resources: [files.quarantineBucket.arnForObjects(keyPattern)],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: [files.quarantineBucket.bucketArn] }),
    );
    Validations.of(role).acknowledge({
      id: bucketObjectsFinding(files.quarantineBucket, keyPattern),
      reason: "Quarantine object keys are generated per upload, so HeadObject is granted under the quarantine key prefix.",
    });
  }
}
