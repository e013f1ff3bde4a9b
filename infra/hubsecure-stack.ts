import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { ENV } from "../shared/config";
import { AccessLogs } from "./constructs/access-logs";
import { Api } from "./constructs/api";
import type { AppFunction } from "./constructs/app-function";
import { Data } from "./constructs/data";
import { Files } from "./constructs/files";
import type { FunctionDefaults } from "./constructs/function-defaults";
import { Identity } from "./constructs/identity";
import { Mail } from "./constructs/mail";
import { ProcessorFailures } from "./constructs/processor-failures";
import { UploadSweeper } from "./constructs/upload-sweeper";
import { Web, type WebConfig } from "./constructs/web";
import { FUNCTIONS_DIR, WEB_DIST_DIR } from "./paths";
import { DEFAULT_SETTINGS, type StackSettings } from "./settings";

export interface HubSecureStackProps extends StackProps {
  settings?: Partial<Omit<StackSettings, "stackName">>;
  /** Folder with the Lambda entry files, by default the repository's `functions/`. */
  functionsDir?: string;
  /** Output folder of the web build, by default the repository's `web/dist`. */
  webDistDir?: string;
}

/**
 * Ids of the stack outputs. The ops CLI and the web app read them from
 * `cdk deploy --outputs-file`, and local mode writes the same keys.
 */
export const OUTPUT_IDS = [
  "ApiUrl",
  "WebUrl",
  "UserPoolId",
  "UserPoolClientId",
  "Region",
  "TableName",
  "QuarantineBucketName",
  "VaultBucketName",
] as const;

export type OutputId = (typeof OUTPUT_IDS)[number];

/**
 * Id of the output with the URL of the queue of failed file-processor
 * events. Only operators read it, so it is not among `OUTPUT_IDS` and local
 * mode has no such output.
 */
export const FAILED_FILE_EVENTS_OUTPUT_ID = "FailedFileEventsQueueUrl";

/**
 * Everything HubSecure runs on in one AWS account: sign-in, the table, file
 * storage, the API and its functions, the web app and invitation e-mail.
 */
export class HubSecureStack extends Stack {
  readonly identity: Identity;
  readonly data: Data;
  readonly accessLogs: AccessLogs;
  readonly web: Web;
  readonly files: Files;
  readonly mail: Mail;
  readonly processor: AppFunction;
  readonly processorFailures: ProcessorFailures;
  readonly api: Api;
  readonly uploadSweeper: UploadSweeper;

  constructor(scope: Construct, id: string, props: HubSecureStackProps = {}) {
    super(scope, id, props);
    const settings = { ...DEFAULT_SETTINGS, ...props.settings };

    this.accessLogs = new AccessLogs(this, "AccessLogs");
    // The web origin comes first because invitations link to it and file
    // uploads and the API allow only it.
    this.web = new Web(this, "Web", { accessLogs: this.accessLogs });
    this.identity = new Identity(this, "Identity", {
      mfa: settings.mfa,
      featurePlan: settings.featurePlan,
      signInUrl: this.web.url,
    });
    this.data = new Data(this, "Data");
    this.files = new Files(this, "Files", { accessLogs: this.accessLogs, webOrigin: this.web.url });
    this.mail = new Mail(this, "Mail", { mailFrom: settings.mailFrom });

    const functions: FunctionDefaults = {
      functionsDir: props.functionsDir ?? FUNCTIONS_DIR,
      tracing: settings.tracing,
      environment: {
        [ENV.tableName]: this.data.table.tableName,
        [ENV.quarantineBucket]: this.files.quarantineBucket.bucketName,
        [ENV.vaultBucket]: this.files.vaultBucket.bucketName,
        [ENV.vaultKmsKeyId]: this.files.key.keyArn,
        [ENV.userPoolId]: this.identity.userPool.userPoolId,
        [ENV.userPoolClientId]: this.identity.webClient.userPoolClientId,
        [ENV.webUrl]: this.web.url,
        [ENV.mailFrom]: settings.mailFrom,
        [ENV.mailTransport]: "ses",
      },
    };
    this.processor = this.files.addProcessor(functions, this.data);
    this.processorFailures = new ProcessorFailures(this, "ProcessorFailures", {
      processor: this.processor,
      alarmEmail: settings.alarmEmail,
    });
    this.uploadSweeper = new UploadSweeper(this, "UploadSweeper", { functions, data: this.data, files: this.files });
    this.api = new Api(this, "Api", {
      functions,
      identity: this.identity,
      data: this.data,
      files: this.files,
      mail: this.mail,
      webOrigin: this.web.url,
    });

    const webConfig: WebConfig = {
      ApiUrl: this.api.url,
      UserPoolId: this.identity.userPool.userPoolId,
      UserPoolClientId: this.identity.webClient.userPoolClientId,
      Region: this.region,
    };
    this.web.deploySite(webConfig, props.webDistDir ?? WEB_DIST_DIR);
    this.addOutputs(webConfig);
  }

  private addOutputs(webConfig: WebConfig): void {
    const outputs: Record<OutputId, { value: string; description: string }> = {
      ApiUrl: { value: webConfig.ApiUrl, description: "Base URL of the HTTP API, without a trailing slash" },
      WebUrl: { value: this.web.url, description: "Address of the web app" },
      UserPoolId: { value: webConfig.UserPoolId, description: "Cognito user pool id" },
      UserPoolClientId: { value: webConfig.UserPoolClientId, description: "Cognito app client id of the web app" },
      Region: { value: webConfig.Region, description: "AWS Region of the stack" },
      TableName: { value: this.data.table.tableName, description: "DynamoDB application table" },
      QuarantineBucketName: {
        value: this.files.quarantineBucket.bucketName,
        description: "Bucket that receives uploads",
      },
      VaultBucketName: { value: this.files.vaultBucket.bucketName, description: "Bucket of verified files" },
    };
    for (const outputId of OUTPUT_IDS) {
      new CfnOutput(this, outputId, outputs[outputId]);
    }
    new CfnOutput(this, FAILED_FILE_EVENTS_OUTPUT_ID, {
      value: this.processorFailures.queue.queueUrl,
      description: "SQS queue of upload events the file processor failed on after its retries",
    });
  }
}
