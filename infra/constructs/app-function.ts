import * as path from "node:path";
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as nodejs from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { LOCK_FILE, REPO_ROOT } from "../paths";

export interface AppFunctionProps {
  /** Entry file name without extension, such as `workspaces` for `workspaces.ts`. */
  name: string;
  /** Folder that contains the entry file. */
  functionsDir: string;
  environment: Record<string, string>;
  timeout: Duration;
  memorySize: number;
  tracing: boolean;
  description: string;
}

/** Retention of function logs. */
const FUNCTION_LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;

// An ES module has no `require`, but bundled CommonJS dependencies may call it
// for Node built-ins, so the bundle defines one.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * One Lambda function built from `<functionsDir>/<name>.ts` with the local
 * esbuild (no Docker), on Node.js 22 and arm64. Each function has its own role
 * that starts with nothing but write access to its own log group, so every
 * other permission is an explicit grant by the stack.
 */
export class AppFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, "LogGroup", {
      retention: FUNCTION_LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The default role would carry the AWSLambdaBasicExecutionRole managed
    // policy, which may create and write any log group.
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of the ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, "Function", {
      entry: path.join(props.functionsDir, `${props.name}.ts`),
      handler: "handler",
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      environment: {
        ...props.environment,
        NODE_OPTIONS: "--enable-source-maps",
      },
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: "node22",
        mainFields: ["module", "main"],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // The pinned SDK versions are bundled, so the code runs against the same
        // SDK as the tests rather than whichever version the runtime ships.
        bundleAwsSDK: true,
        forceDockerBundling: false,
      },
    });

    if (props.tracing) {
      Validations.of(this.role).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason: "X-Ray's PutTraceSegments and PutTelemetryRecords do not support resource-level permissions.",
      });
    }
    Validations.of(this.function).acknowledge({
      id: "AwsSolutions-L1",
      reason:
        "The functions target Node.js 22, the runtime the code base is built and tested for; " +
        "moving to a newer runtime is a deliberate upgrade with its own test run.",
    });
  }
}
