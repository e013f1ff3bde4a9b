import { Match, type Template } from "aws-cdk-lib/assertions";
import * as sns from "aws-cdk-lib/aws-sns";
import type { IConstruct } from "constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAILED_FILE_EVENTS_OUTPUT_ID, type HubSecureStack } from "../../infra/hubsecure-stack";
import {
  logicalIdIn,
  synthesizeStack,
  type SynthesizedStack,
  type TemplateResource as Resource,
  type TemplateStatement as Statement,
} from "./synth-stack";


const ALARM_EMAIL = "ops@firm.example";

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

describe("processor failures", () => {
  let synthesized: SynthesizedStack;
  let template: Template;
  let stack: HubSecureStack;

  beforeAll(() => {
    synthesized = synthesizeStack();
    template = synthesized.template;
    stack = synthesized.stack;
  });

  afterAll(() => synthesized?.cleanup());

  const logicalId = (construct: IConstruct) => logicalIdIn(stack, construct);
  const queueArn = () => ({ "Fn::GetAtt": [logicalId(stack.processorFailures.queue), "Arn"] });

  function alarmProperties(alarm: IConstruct): Record<string, any> {
    const alarms = template.findResources("AWS::CloudWatch::Alarm") as Record<string, Resource>;
    const found = alarms[logicalId(alarm)];
    if (found === undefined) throw new Error(`Alarm ${alarm.node.path} not found in the template`);
    return found.Properties;
  }

  it("sends failed async invocations to the queue", () => {
    const configs = Object.values(
      template.findResources("AWS::Lambda::EventInvokeConfig", {
        Properties: { FunctionName: { Ref: logicalId(stack.processor.function) } },
      }),
    ) as Resource[];
    expect(configs).toHaveLength(1);
    expect(configs[0]!.Properties).toEqual({
      FunctionName: { Ref: logicalId(stack.processor.function) },
      Qualifier: "$LATEST",
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: queueArn() } },
    });
  });

  it("queue uses SQS-managed encryption", () => {
    const properties = (template.toJSON().Resources[logicalId(stack.processorFailures.queue)] as Resource).Properties;
    expect(properties.SqsManagedSseEnabled).toBe(true);
    expect(properties.KmsMasterKeyId).toBeUndefined();
  });

  it("queue keeps records for 14 days", () => {
    const properties = (template.toJSON().Resources[logicalId(stack.processorFailures.queue)] as Resource).Properties;
    expect(properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
  });

  it("queue policy denies requests without TLS", () => {
    template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      Queues: [{ Ref: logicalId(stack.processorFailures.queue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "sqs:*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
            Resource: queueArn(),
          }),
        ]),
      },
    });
  });

  it("processor may only send to the queue", () => {
    const roleId = logicalId(stack.processor.role);
    const policies = Object.values(template.findResources("AWS::IAM::Policy")) as Resource[];
    const statements = policies
      .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
    const onQueue = statements.filter((statement) => JSON.stringify(statement.Resource) === JSON.stringify(queueArn()));
    const actions = onQueue.flatMap((statement) => asList(statement.Action)).sort();
    expect(actions).toEqual(["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"]);
    // SQS-managed encryption needs no KMS permission to send.
    const kmsOnQueue = statements.filter(
      (statement) =>
        asList(statement.Action).some((action) => action.startsWith("kms:")) &&
        JSON.stringify(statement.Condition ?? {}).includes("sqs."),
    );
    expect(kmsOnQueue).toEqual([]);
  });

  it("alarms on any visible failure record", () => {
    expect(alarmProperties(stack.processorFailures.failedEventsAlarm)).toMatchObject({
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [
        { Name: "QueueName", Value: { "Fn::GetAtt": [logicalId(stack.processorFailures.queue), "QueueName"] } },
      ],
      Statistic: "Maximum",
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
    });
  });

  it("alarms on processor errors", () => {
    expect(alarmProperties(stack.processorFailures.processorErrorsAlarm)).toMatchObject({
      Namespace: "AWS/Lambda",
      MetricName: "Errors",
      Dimensions: [{ Name: "FunctionName", Value: { Ref: logicalId(stack.processor.function) } }],
      Statistic: "Sum",
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
    });
  });

  it("has no topic without an alarm e-mail", () => {
    expect(stack.processorFailures.alarmTopic).toBeUndefined();
    const topics = stack.processorFailures.node.findAll().filter((construct) => construct instanceof sns.CfnTopic);
    expect(topics).toEqual([]);
    template.resourceCountIs("AWS::SNS::Subscription", 0);
    for (const alarm of [stack.processorFailures.failedEventsAlarm, stack.processorFailures.processorErrorsAlarm]) {
      expect(alarmProperties(alarm).AlarmActions, alarm.node.id).toBeUndefined();
    }
  });

  it("outputs the queue URL", () => {
    const output = template.toJSON().Outputs[FAILED_FILE_EVENTS_OUTPUT_ID] as { Value: unknown };
    expect(output.Value).toEqual({ Ref: logicalId(stack.processorFailures.queue) });
  });
});

describe("processor failures with an alarm e-mail", () => {
  let synthesized: SynthesizedStack;
  let template: Template;
  let stack: HubSecureStack;

  beforeAll(() => {
    synthesized = synthesizeStack({ settings: { alarmEmail: ALARM_EMAIL } });
    template = synthesized.template;
    stack = synthesized.stack;
  });

  afterAll(() => synthesized?.cleanup());

  const topicId = () => logicalIdIn(stack, stack.processorFailures.alarmTopic!);

  it("subscribes the address to a topic", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: ALARM_EMAIL,
      TopicArn: { Ref: topicId() },
    });
  });

  it("both alarms notify the topic", () => {
    const resources = template.toJSON().Resources as Record<string, Resource>;
    for (const alarm of [stack.processorFailures.failedEventsAlarm, stack.processorFailures.processorErrorsAlarm]) {
      const properties = resources[logicalIdIn(stack, alarm)]?.Properties;
      expect(properties?.AlarmActions, alarm.node.id).toEqual([{ Ref: topicId() }]);
    }
  });

  it("topic policy denies publishing without TLS", () => {
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [{ Ref: topicId() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });
});
