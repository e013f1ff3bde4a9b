import { Duration, Validations } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cloudwatchActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as destinations from "aws-cdk-lib/aws-lambda-destinations";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { AppFunction } from "./app-function";

export interface ProcessorFailuresProps {
  /** The file processor, which S3 invokes asynchronously. */
  processor: AppFunction;
  /** Address that receives alarm notifications. Without it no SNS topic is created. */
  alarmEmail?: string;
}

/** Retries Lambda makes after a failed asynchronous invocation (the maximum Lambda allows). */
export const PROCESSOR_RETRY_ATTEMPTS = 2;

/**
 * Maximum time an S3 event may wait in Lambda's asynchronous queue. Three
 * attempts of at most 5 minutes each take 15 minutes plus Lambda's backoff of
 * a few minutes, so the rest of the hour is room for throttling. An older
 * event goes to the failure queue and raises an alarm, rather than waiting
 * for up to the default 6 hours while its file shows `processing`.
 */
export const PROCESSOR_MAX_EVENT_AGE = Duration.hours(1);

/** Retention of failure records, the maximum SQS allows. */
export const FAILED_EVENT_RETENTION = Duration.days(14);

/** Period over which each alarm evaluates its metric. */
const ALARM_PERIOD = Duration.minutes(5);

/**
 * Failure queue and alarms of the file processor. Without them Lambda drops
 * an S3 event that failed every retry, and its file stays `processing`.
 * Lambda sends an invocation record (the event plus the error) to the queue,
 * and alarms fire when a record arrives or the processor reports errors.
 */
export class ProcessorFailures extends Construct {
  readonly queue: sqs.Queue;
  readonly failedEventsAlarm: cloudwatch.Alarm;
  readonly processorErrorsAlarm: cloudwatch.Alarm;
  /** SNS topic of the alarms, present only when an alarm e-mail is set. */
  readonly alarmTopic: sns.Topic | undefined;

  constructor(scope: Construct, id: string, props: ProcessorFailuresProps) {
    super(scope, id);

    // SQS-managed keys encrypt the records, so neither the processor, which
    // sends them, nor an operator, who reads them, needs a KMS permission.
    // The files key would give an operator who replays events the power to
    // decrypt client documents.
    this.queue = new sqs.Queue(this, "Queue", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: FAILED_EVENT_RETENTION,
    });
    Validations.of(this.queue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is the file processor's on-failure destination, so it already is the dead-letter queue " +
        "for those events. Nothing consumes it automatically, so a further dead-letter queue would never receive a message.",
    });

    props.processor.function.configureAsyncInvoke({
      onFailure: new destinations.SqsDestination(this.queue),
      retryAttempts: PROCESSOR_RETRY_ATTEMPTS,
      maxEventAge: PROCESSOR_MAX_EVENT_AGE,
    });

    this.failedEventsAlarm = new cloudwatch.Alarm(this, "FailedEventsAlarm", {
      alarmDescription:
        "An upload event failed file processing after every retry, so its file stays processing. " +
        "See docs/operations.md for how to replay it.",
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: "Maximum" }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // SQS reports metrics only while a queue is active (Amazon SQS Developer
      // Guide, "Available CloudWatch metrics"). An idle queue has no data
      // points, which means no failed events.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.processorErrorsAlarm = new cloudwatch.Alarm(this, "ProcessorErrorsAlarm", {
      alarmDescription:
        "The file processor failed an invocation. Lambda retries it, so a file is stuck only if a failed " +
        "event also reaches the failure queue.",
      metric: props.processor.function.metricErrors({ period: ALARM_PERIOD, statistic: "Sum" }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.alarmTopic = props.alarmEmail === undefined ? undefined : this.notify(props.alarmEmail);
  }

  /** Creates the alarm topic, subscribes the address and makes both alarms publish to it. */
  private notify(alarmEmail: string): sns.Topic {
    // Alarm notifications contain the alarm name, state and metric values but
    // no client data, so the topic is not encrypted with a KMS key.
    const topic = new sns.Topic(this, "AlarmTopic", {
      displayName: "HubSecure alarms",
      enforceSSL: true,
    });
    topic.addSubscription(new subscriptions.EmailSubscription(alarmEmail));
    for (const alarm of [this.failedEventsAlarm, this.processorErrorsAlarm]) {
      alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
    }
    return topic;
  }
}
