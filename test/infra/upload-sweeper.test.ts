import type { IConstruct } from "constructs";
import type { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubSecureStack } from "../../infra/hubsecure-stack";
import { ENV } from "../../shared/config";
import {
  logicalIdIn,
  synthesizeStack,
  type SynthesizedStack,
  type TemplateResource as Resource,
  type TemplateStatement as Statement,
} from "./synth-stack";


let synthesized: SynthesizedStack;
let template: Template;
let stack: HubSecureStack;

beforeAll(() => {
  synthesized = synthesizeStack();
  template = synthesized.template;
  stack = synthesized.stack;
});

afterAll(() => synthesized?.cleanup());

function logicalId(construct: IConstruct): string {
  return logicalIdIn(stack, construct);
}

function getAtt(construct: IConstruct, attribute = "Arn") {
  return { "Fn::GetAtt": [logicalId(construct), attribute] };
}

function resourcesOfType(type: string): Resource[] {
  return Object.values(template.findResources(type)) as Resource[];
}

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** Statements of the inline policies attached to the sweeper's role. */
function sweeperStatements(): Statement[] {
  const roleId = logicalId(stack.uploadSweeper.function.role);
  return resourcesOfType("AWS::IAM::Policy")
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** Maps each granted action to the JSON of the resources it is granted on. */
function grantsByAction(): Record<string, string[]> {
  const grants: Record<string, string[]> = {};
  for (const statement of sweeperStatements()) {
    for (const action of asList(statement.Action)) {
      grants[action] = [...(grants[action] ?? []), ...asList(statement.Resource).map((target) => JSON.stringify(target))];
    }
  }
  return grants;
}

describe("upload sweeper schedule", () => {
  it("runs every 15 minutes", () => {
    const rules = resourcesOfType("AWS::Events::Rule");
    const rule = rules.find((candidate) =>
      (candidate.Properties.Targets as { Arn: unknown }[]).some(
        (target) => JSON.stringify(target.Arn) === JSON.stringify(getAtt(stack.uploadSweeper.function.function)),
      ),
    );
    expect(rule?.Properties.ScheduleExpression).toBe("rate(15 minutes)");
    expect(rule?.Properties.State).toBe("ENABLED");
  });

  it("lets only its rule invoke the function", () => {
    const permissions = resourcesOfType("AWS::Lambda::Permission").filter(
      (permission) =>
        JSON.stringify(permission.Properties.FunctionName) === JSON.stringify(getAtt(stack.uploadSweeper.function.function)),
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]!.Properties.Principal).toBe("events.amazonaws.com");
    expect(permissions[0]!.Properties.SourceArn).toEqual(getAtt(stack.uploadSweeper.rule));
  });

  it("does not retry a failed run", () => {
    const configs = resourcesOfType("AWS::Lambda::EventInvokeConfig").filter(
      (config) => config.Properties.FunctionName.Ref === logicalId(stack.uploadSweeper.function.function),
    );
    expect(configs).toHaveLength(1);
    expect(configs[0]!.Properties.MaximumRetryAttempts).toBe(0);
  });
});

describe("upload sweeper function", () => {
  it("runs on Node.js 22 arm64 with its own log group", () => {
    const properties = template.toJSON().Resources[logicalId(stack.uploadSweeper.function.function)].Properties;
    expect(properties.Runtime).toBe("nodejs22.x");
    expect(properties.Architectures).toEqual(["arm64"]);
    expect(properties.LoggingConfig.LogGroup).toEqual({ Ref: logicalId(stack.uploadSweeper.function.logGroup) });
    expect(properties.Environment.Variables[ENV.tableName]).toEqual({ Ref: logicalId(stack.data.table) });
    expect(properties.Environment.Variables[ENV.quarantineBucket]).toEqual({ Ref: logicalId(stack.files.quarantineBucket) });
  });

  it("is granted exactly what it calls", () => {
    const tableArn = getAtt(stack.data.table);
    const quarantineArn = getAtt(stack.files.quarantineBucket);
    const tableKey = JSON.stringify(getAtt(stack.data.key));
    expect(grantsByAction()).toEqual({
      "logs:CreateLogStream": [JSON.stringify(getAtt(stack.uploadSweeper.function.logGroup))],
      "logs:PutLogEvents": [JSON.stringify(getAtt(stack.uploadSweeper.function.logGroup))],
      "dynamodb:Query": [JSON.stringify({ "Fn::Join": ["", [tableArn, "/index/GSI2"]] })],
      "dynamodb:GetItem": [JSON.stringify(tableArn)],
      "dynamodb:PutItem": [JSON.stringify(tableArn)],
      "kms:Decrypt": [tableKey],
      "kms:DescribeKey": [tableKey],
      "kms:Encrypt": [tableKey],
      "kms:GenerateDataKey": [tableKey],
      "s3:GetObject": [JSON.stringify({ "Fn::Join": ["", [quarantineArn, "/quarantine/*"]] })],
      "s3:ListBucket": [JSON.stringify(quarantineArn)],
    });
  });

  it("uses the table key only through DynamoDB", () => {
    const keyStatements = sweeperStatements().filter((statement) =>
      asList(statement.Action).some((action) => action.startsWith("kms:")),
    );
    expect(keyStatements).toHaveLength(1);
    expect(JSON.stringify(keyStatements[0]!.Condition?.StringEquals?.["kms:ViaService"])).toContain("dynamodb.");
  });
});
