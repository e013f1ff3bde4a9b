import { Duration, Stack, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { FUNCTION_GROUPS, ROUTES, type FunctionGroup } from "../../shared/api/routes";
import { AppFunction } from "./app-function";
import type { Data } from "./data";
import type { Files } from "./files";
import type { FunctionDefaults } from "./function-defaults";
import type { Identity } from "./identity";
import type { Mail } from "./mail";

export interface ApiProps {
  functions: FunctionDefaults;
  identity: Identity;
  data: Data;
  files: Files;
  mail: Mail;
  /** Origin of the web app (`https://host`), the only origin CORS allows. */
  webOrigin: string;
}

interface GroupSettings {
  description: string;
  memorySize: number;
  timeout: Duration;
  /**
   * Grants exactly the AWS actions the group's handlers call. Workspace
   * authorization looks up a caller without a stored profile in Cognito and
   * stores the profile, so groups with table writes also get `AdminGetUser`.
   */
  grant(grantee: iam.IGrantable, props: ApiProps): void;
}

const GROUP_SETTINGS: Record<FunctionGroup, GroupSettings> = {
  workspaces: {
    description: "Workspaces, members and invitations",
    memorySize: 512,
    timeout: Duration.seconds(10),
    grant(grantee, { data, identity, mail }) {
      data.grantReadWrite(grantee);
      identity.grantInvitations(grantee);
      mail.grantSend(grantee);
    },
  },
  requests: {
    description: "Document requests, CSV import and reviews",
    memorySize: 512,
    // A CSV import writes every row before it returns, so it gets more time.
    timeout: Duration.seconds(25),
    grant(grantee, { data, identity }) {
      data.grantReadWrite(grantee);
      identity.grantUserLookup(grantee);
    },
  },
  files: {
    description: "Upload forms, file metadata and download URLs",
    memorySize: 512,
    timeout: Duration.seconds(10),
    grant(grantee, { data, files, identity }) {
      data.grantReadWrite(grantee);
      files.grantUploadsAndDownloads(grantee);
      identity.grantUserLookup(grantee);
    },
  },
  audit: {
    description: "Workspace audit history",
    memorySize: 512,
    timeout: Duration.seconds(10),
    grant(grantee, { data }) {
      data.grantRead(grantee);
    },
  },
  openapi: {
    description: "OpenAPI document of the API",
    memorySize: 256,
    timeout: Duration.seconds(5),
    // The document is built from the route table in memory, without AWS calls.
    grant() {},
  },
};

/** Sustained and burst request rates per second for every route of the stage. */
const THROTTLE = { rateLimit: 100, burstLimit: 200 };

const ACCESS_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/** One JSON object per request, with HTTP API `$context` variables as values. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: "$context.requestId",
    requestTime: "$context.requestTime",
    sourceIp: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
    method: "$context.httpMethod",
    routeKey: "$context.routeKey",
    path: "$context.path",
    status: "$context.status",
    protocol: "$context.protocol",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    integrationLatency: "$context.integrationLatency",
    integrationError: "$context.integrationErrorMessage",
    authorizerError: "$context.authorizer.error",
    userId: "$context.authorizer.claims.sub",
  }),
);

const API_METHODS: Record<string, apigw.HttpMethod> = {
  GET: apigw.HttpMethod.GET,
  POST: apigw.HttpMethod.POST,
  PUT: apigw.HttpMethod.PUT,
  PATCH: apigw.HttpMethod.PATCH,
  DELETE: apigw.HttpMethod.DELETE,
};

/**
 * The HTTP API and its functions. Routes come from the shared route table,
 * one function per function group, and every route except the ones marked
 * `auth: "none"` requires a Cognito access token issued to the web client.
 */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly functions: Record<FunctionGroup, AppFunction>;
  readonly accessLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new apigw.HttpApi(this, "HttpApi", {
      description: "HubSecure API",
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.webOrigin],
        allowMethods: [apigw.CorsHttpMethod.ANY],
        allowHeaders: ["authorization", "content-type"],
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogGroup = new logs.LogGroup(this, "AccessLogs", { retention: ACCESS_LOG_RETENTION });
    this.stage = this.httpApi.addStage("DefaultStage", {
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        format: ACCESS_LOG_FORMAT,
      },
    });

    const authorizer = new HttpJwtAuthorizer("CognitoAuthorizer", props.identity.issuerUrl, {
      jwtAudience: [props.identity.webClient.userPoolClientId],
    });

    this.functions = this.createFunctions(props);
    this.addRoutes(authorizer);
  }

  /** Base URL of the API, without a trailing slash. */
  get url(): string {
    const stack = Stack.of(this);
    return `https://${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  private createFunctions(props: ApiProps): Record<FunctionGroup, AppFunction> {
    const entries = FUNCTION_GROUPS.map((group) => {
      const settings = GROUP_SETTINGS[group];
      const appFunction = new AppFunction(this, `${pascalCase(group)}Function`, {
        ...props.functions,
        name: group,
        description: `HubSecure API: ${settings.description}`,
        memorySize: settings.memorySize,
        timeout: settings.timeout,
      });
      settings.grant(appFunction.role, props);
      return [group, appFunction] as const;
    });
    return Object.fromEntries(entries) as Record<FunctionGroup, AppFunction>;
  }

  private addRoutes(authorizer: HttpJwtAuthorizer): void {
    const integrations = new Map<FunctionGroup, HttpLambdaIntegration>();
    for (const group of FUNCTION_GROUPS) {
      const integration = new HttpLambdaIntegration(`${pascalCase(group)}Integration`, this.functions[group].function);
      integrations.set(group, integration);
    }

    for (const route of ROUTES) {
      const method = API_METHODS[route.method];
      const integration = integrations.get(route.group);
      if (method === undefined || integration === undefined) {
        throw new Error(`Route ${route.operationId} has an unsupported method or function group`);
      }
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [method],
        integration,
        authorizer: route.auth === "none" ? new apigw.HttpNoneAuthorizer() : authorizer,
      });
      if (route.auth === "none" && httpRoute !== undefined) {
        Validations.of(httpRoute).acknowledge({
          id: "AwsSolutions-APIG4",
          reason: `${route.method} ${route.path} is public by design: ${route.summary}.`,
        });
      }
    }
  }
}

function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
