import { RemovalPolicy, Stack } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import { GLOBAL_INDEXES, TABLE_KEYS } from "../../shared/store/table-schema";

/** Attribute that contains an item's expiry time, in epoch seconds. */
export const TTL_ATTRIBUTE = "expiresAt";

/** Item actions the readers call. */
const TABLE_READ_ACTIONS = ["dynamodb:GetItem", "dynamodb:Query"];

/**
 * Item actions the writers call on top of reading. `TransactWriteItems` has
 * no IAM action of its own: each of its parts is authorized as the matching
 * item action, which is why `ConditionCheckItem` is listed. No batch actions
 * are granted because the store code uses none.
 */
const TABLE_WRITE_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:ConditionCheckItem",
];

// A caller of a table under a customer-managed key needs permission to use
// the key through DynamoDB. The reader set equals aws-cdk-lib's table grant.
// NOTE: the writer set is aws-cdk-lib's without ReEncrypt* and with
// GenerateDataKey in place of GenerateDataKey*. It has not been run against a
// deployed table yet.
const KEY_READ_ACTIONS = ["kms:Decrypt", "kms:DescribeKey"];
const KEY_WRITE_ACTIONS = [...KEY_READ_ACTIONS, "kms:Encrypt", "kms:GenerateDataKey"];

/**
 * The single application table (single-table design) and the customer-managed
 * KMS key that encrypts it. Grants are explicit action lists scoped to the
 * table and its named indexes, so no function receives `Scan` or wildcards.
 */
export class Data extends Construct {
  readonly table: dynamodb.Table;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new kms.Key(this, "TableKey", {
      description: "HubSecure application table",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: stringKey(TABLE_KEYS.partitionKey),
      sortKey: stringKey(TABLE_KEYS.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const index of GLOBAL_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /** Allows item reads on the table and queries on its indexes. */
  grantRead(grantee: iam.IGrantable): void {
    this.grantItemActions(grantee, TABLE_READ_ACTIONS);
    this.grantKey(grantee, KEY_READ_ACTIONS);
  }

  /** Allows item reads and writes, including transactional writes. */
  grantReadWrite(grantee: iam.IGrantable): void {
    this.grantItemActions(grantee, [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]);
    this.grantKey(grantee, KEY_WRITE_ACTIONS);
  }

  private indexArns(): string[] {
    return GLOBAL_INDEXES.map((index) => `${this.table.tableArn}/index/${index.indexName}`);
  }

  private grantItemActions(grantee: iam.IGrantable, actions: string[]): void {
    iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.table.tableArn] });
    iam.Grant.addToPrincipal({ grantee, actions: ["dynamodb:Query"], resourceArns: this.indexArns() });
  }

  private grantKey(grantee: iam.IGrantable, actions: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions,
        resources: [this.key.keyArn],
        conditions: {
          StringEquals: { "kms:ViaService": `dynamodb.${Stack.of(this).region}.amazonaws.com` },
        },
      }),
    );
  }
}
