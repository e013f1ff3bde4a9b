import type { IConstruct } from "constructs";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppFunction } from "../../infra/constructs/app-function";
import { QUARANTINE_PREFIX, VAULT_PREFIX } from "../../infra/constructs/files";
import { FAILED_FILE_EVENTS_OUTPUT_ID, OUTPUT_IDS, type HubSecureStack } from "../../infra/hubsecure-stack";
import { ENV } from "../../shared/config";
import { quarantineKey, vaultKey } from "../../shared/files/object-keys";
import { FUNCTION_GROUPS, ROUTES, routeKey, type FunctionGroup } from "../../shared/api/routes";
import { GLOBAL_INDEXES } from "../../shared/store/table-schema";
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

function resource(id: string): Resource {
  const found = template.toJSON().Resources[id] as Resource | undefined;
  if (found === undefined) throw new Error(`Resource ${id} not found in the template`);
  return found;
}

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** Returns every statement of the inline policies attached to a function's role. */
function roleStatements(appFunction: AppFunction): Statement[] {
  const roleId = logicalId(appFunction.role);
  const policies = Object.values(template.findResources("AWS::IAM::Policy")) as Resource[];
  return policies
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function roleActions(appFunction: AppFunction): string[] {
  return roleStatements(appFunction).flatMap((statement) => asList(statement.Action));
}

function allFunctions(): [string, AppFunction][] {
  return [
    ...FUNCTION_GROUPS.map((group) => [group, stack.api.functions[group]] as [string, AppFunction]),
    ["file-processor", stack.processor],
  ];
}

describe("data", () => {
  it("table has PITR, deletion protection and a customer-managed key", () => {
    const table = resource(logicalId(stack.data.table));
    expect(table.Type).toBe("AWS::DynamoDB::Table");
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table.Properties.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: "KMS",
      KMSMasterKeyId: { "Fn::GetAtt": [logicalId(stack.data.key), "Arn"] },
    });
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: "expiresAt", Enabled: true });
  });

  it("table keys follow the shared schema", () => {
    const table = resource(logicalId(stack.data.table));
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: "PK", KeyType: "HASH" },
      { AttributeName: "SK", KeyType: "RANGE" },
    ]);
    const indexes = table.Properties.GlobalSecondaryIndexes as Record<string, any>[];
    expect(indexes.map((index) => index.IndexName)).toEqual(GLOBAL_INDEXES.map((index) => index.indexName));
    for (const index of indexes) {
      expect(index.Projection).toEqual({ ProjectionType: "ALL" });
    }
    for (const attribute of table.Properties.AttributeDefinitions as { AttributeType: string }[]) {
      expect(attribute.AttributeType).toBe("S");
    }
  });

  it("every KMS key rotates and is retained", () => {
    const keys = Object.values(template.findResources("AWS::KMS::Key")) as Resource[];
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe("Retain");
    }
  });
});

describe("buckets", () => {
  it("every bucket blocks public access and is retained", () => {
    const buckets = Object.values(template.findResources("AWS::S3::Bucket")) as Resource[];
    expect(buckets).toHaveLength(4);
    for (const bucket of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
      expect(bucket.DeletionPolicy).toBe("Retain");
    }
  });

  it("every bucket policy denies requests without TLS", () => {
    const buckets = Object.keys(template.findResources("AWS::S3::Bucket"));
    const policies = Object.values(template.findResources("AWS::S3::BucketPolicy")) as Resource[];
    const bucketsWithTlsPolicy = policies
      .filter((policy) =>
        (policy.Properties.PolicyDocument.Statement as Record<string, any>[]).some(
          (statement) =>
            statement.Effect === "Deny" && statement.Condition?.Bool?.["aws:SecureTransport"] === "false",
        ),
      )
      .map((policy) => policy.Properties.Bucket.Ref as string);
    expect(bucketsWithTlsPolicy.sort()).toEqual(buckets.sort());
  });

  it("quarantine and vault use SSE-KMS, versioning and access logs", () => {
    const accessLogBucketId = logicalId(stack.accessLogs.bucket);
    for (const bucket of [stack.files.quarantineBucket, stack.files.vaultBucket]) {
      const properties = resource(logicalId(bucket)).Properties;
      expect(properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: "aws:kms",
            KMSMasterKeyID: { "Fn::GetAtt": [logicalId(stack.files.key), "Arn"] },
          },
        },
      ]);
      expect(properties.VersioningConfiguration).toEqual({ Status: "Enabled" });
      expect(properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: accessLogBucketId });
    }
  });

  it("access-log bucket uses SSE-S3", () => {
    const properties = resource(logicalId(stack.accessLogs.bucket)).Properties;
    expect(properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } },
    ]);
  });

  it("quarantine expires objects and allows POST from the web origin", () => {
    const properties = resource(logicalId(stack.files.quarantineBucket)).Properties;
    const rules = properties.LifecycleConfiguration.Rules as Record<string, any>[];
    const expiry = rules.find((rule) => rule.ExpirationInDays !== undefined);
    expect(expiry?.ExpirationInDays).toBeLessThanOrEqual(7);
    expect(expiry?.NoncurrentVersionExpiration).toBeDefined();
    expect(properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({
        AllowedMethods: ["POST"],
        AllowedOrigins: [
          { "Fn::Join": ["", ["https://", { "Fn::GetAtt": [logicalId(stack.web.distribution), "DomainName"] }]] },
        ],
      }),
    ]);
  });

  it("quarantine notifies the processor of new uploads", () => {
    template.hasResourceProperties("Custom::S3BucketNotifications", {
      BucketName: { Ref: logicalId(stack.files.quarantineBucket) },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ["s3:ObjectCreated:*"],
            LambdaFunctionArn: { "Fn::GetAtt": [logicalId(stack.processor.function), "Arn"] },
            Filter: { Key: { FilterRules: [{ Name: "prefix", Value: QUARANTINE_PREFIX }] } },
          },
        ],
      },
    });
  });

  it("key prefixes match the application's keys", () => {
    expect(quarantineKey("workspace", "file").startsWith(QUARANTINE_PREFIX)).toBe(true);
    expect(vaultKey("workspace", "file").startsWith(VAULT_PREFIX)).toBe(true);
  });
});

describe("api", () => {
  it("has one route per route table entry", () => {
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route")) as Resource[];
    const keys = routes.map((route) => route.Properties.RouteKey as string);
    expect(keys.sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it("routes use the JWT authorizer unless public", () => {
    const authorizerId = Object.keys(template.findResources("AWS::ApiGatewayV2::Authorizer"))[0];
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route")) as Resource[];
    for (const route of ROUTES) {
      const properties = routes.find((candidate) => candidate.Properties.RouteKey === routeKey(route))?.Properties;
      if (route.auth === "none") {
        expect(properties?.AuthorizationType, routeKey(route)).toBe("NONE");
        expect(properties?.AuthorizerId, routeKey(route)).toBeUndefined();
      } else {
        expect(properties?.AuthorizationType, routeKey(route)).toBe("JWT");
        expect(properties?.AuthorizerId, routeKey(route)).toEqual({ Ref: authorizerId });
      }
    }
  });

  it("routes invoke their group's function", () => {
    const integrations = template.findResources("AWS::ApiGatewayV2::Integration") as Record<string, Resource>;
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route")) as Resource[];
    for (const route of ROUTES) {
      const target = routes.find((candidate) => candidate.Properties.RouteKey === routeKey(route))?.Properties
        .Target as { "Fn::Join": [string, [string, { Ref: string }]] };
      const integrationId = target["Fn::Join"][1][1].Ref;
      const functionId = logicalId(stack.api.functions[route.group as FunctionGroup].function);
      expect(integrations[integrationId]?.Properties.IntegrationUri, routeKey(route)).toEqual({
        "Fn::GetAtt": [functionId, "Arn"],
      });
    }
  });

  it("authorizer trusts the user pool and web client", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Issuer: { "Fn::GetAtt": [logicalId(stack.identity.userPool), "ProviderURL"] },
        Audience: [{ Ref: logicalId(stack.identity.webClient) }],
      },
    });
  });

  it("stage logs JSON and throttles", () => {
    const properties = resource(logicalId(stack.api.stage)).Properties;
    expect(properties.StageName).toBe("$default");
    expect(properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(properties.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
    expect(properties.AccessLogSettings.DestinationArn).toEqual({
      "Fn::GetAtt": [logicalId(stack.api.accessLogGroup), "Arn"],
    });
    const format = JSON.parse(properties.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format.requestId).toBe("$context.requestId");
    expect(format.status).toBe("$context.status");
  });

  it("CORS allows the web origin only", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      CorsConfiguration: {
        AllowOrigins: [
          { "Fn::Join": ["", ["https://", { "Fn::GetAtt": [logicalId(stack.web.distribution), "DomainName"] }]] },
        ],
        AllowHeaders: Match.arrayWith(["authorization"]),
      },
    });
  });
});

describe("functions", () => {
  it("run on Node.js 22 arm64 with their own log group", () => {
    for (const [name, appFunction] of allFunctions()) {
      const properties = resource(logicalId(appFunction.function)).Properties;
      expect(properties.Runtime, name).toBe("nodejs22.x");
      expect(properties.Architectures, name).toEqual(["arm64"]);
      expect(properties.Handler, name).toBe("index.handler");
      expect(properties.LoggingConfig.LogGroup, name).toEqual({ Ref: logicalId(appFunction.logGroup) });
      const logGroup = resource(logicalId(appFunction.logGroup));
      expect(logGroup.Properties.RetentionInDays, name).toBeGreaterThan(0);
    }
  });

  it("receive every configuration variable", () => {
    const names = [
      ENV.tableName,
      ENV.quarantineBucket,
      ENV.vaultBucket,
      ENV.vaultKmsKeyId,
      ENV.userPoolId,
      ENV.userPoolClientId,
      ENV.webUrl,
      ENV.mailFrom,
      ENV.mailTransport,
    ];
    for (const [name, appFunction] of allFunctions()) {
      const variables = resource(logicalId(appFunction.function)).Properties.Environment.Variables as Record<
        string,
        unknown
      >;
      for (const variable of names) {
        expect(variables[variable], `${name} ${variable}`).toBeDefined();
      }
      expect(variables[ENV.mailTransport], name).toBe("ses");
    }
  });
});

describe("permissions", () => {
  it("grant no wildcard action or resource", () => {
    for (const [name, appFunction] of allFunctions()) {
      for (const statement of roleStatements(appFunction)) {
        for (const action of asList(statement.Action)) {
          expect(action, name).not.toContain("*");
        }
        for (const target of asList(statement.Resource)) {
          expect(target, name).not.toBe("*");
        }
      }
    }
  });

  it("audit function only reads", () => {
    const readActions = new Set([
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "kms:Decrypt",
      "kms:DescribeKey",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
    const actions = roleActions(stack.api.functions.audit);
    expect(actions).toContain("dynamodb:Query");
    expect(actions.filter((action) => !readActions.has(action))).toEqual([]);
  });

  it("openapi function may only write its logs", () => {
    expect(roleActions(stack.api.functions.openapi).sort()).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
  });

  it("only workspaces may invite and send mail", () => {
    const expected: Record<string, string[]> = {
      workspaces: [
        "cognito-idp:AdminAddUserToGroup",
        "cognito-idp:AdminCreateUser",
        "cognito-idp:AdminGetUser",
        "cognito-idp:AdminSetUserPassword",
        "ses:SendEmail",
      ],
      requests: ["cognito-idp:AdminGetUser"],
      files: ["cognito-idp:AdminGetUser"],
    };
    for (const [name, appFunction] of allFunctions()) {
      const userActions = roleActions(appFunction).filter(
        (action) => action.startsWith("cognito-idp:") || action.startsWith("ses:"),
      );
      expect(userActions.sort(), name).toEqual(expected[name] ?? []);
    }
  });

  it("sending mail is limited to the sender address", () => {
    const send = roleStatements(stack.api.functions.workspaces).find((statement) =>
      asList(statement.Action).includes("ses:SendEmail"),
    );
    expect(send?.Condition).toEqual({ StringEquals: { "ses:FromAddress": "no-reply@example.com" } });
  });

  /**
   * Groups a function's S3 actions by bucket, and for object grants by key
   * pattern as `bucket:pattern`, such as `vault:vault/*`.
   */
  function s3Grants(appFunction: AppFunction): Record<string, string[]> {
    const names = new Map([
      [logicalId(stack.files.quarantineBucket), "quarantine"],
      [logicalId(stack.files.vaultBucket), "vault"],
    ]);
    const grants: Record<string, string[]> = {};
    for (const statement of roleStatements(appFunction)) {
      const actions = asList(statement.Action).filter((action) => action.startsWith("s3:"));
      if (actions.length === 0) continue;
      for (const target of asList(statement.Resource) as Record<string, any>[]) {
        const objects = target["Fn::Join"] !== undefined;
        const bucketId = (objects ? target["Fn::Join"][1][0] : target)["Fn::GetAtt"][0] as string;
        const bucketName = names.get(bucketId) ?? bucketId;
        const key = objects ? `${bucketName}:${(target["Fn::Join"][1][1] as string).replace(/^\//, "")}` : bucketName;
        grants[key] = [...(grants[key] ?? []), ...actions].sort();
      }
    }
    return grants;
  }

  it("files may upload to quarantine and read the vault", () => {
    expect(s3Grants(stack.api.functions.files)).toEqual({
      "quarantine:quarantine/*": ["s3:GetObject", "s3:PutObject"],
      quarantine: ["s3:ListBucket"],
      "vault:vault/*": ["s3:GetObject"],
    });
  });

  it("processor may move files from quarantine to vault", () => {
    expect(s3Grants(stack.processor)).toEqual({
      "quarantine:quarantine/*": ["s3:DeleteObject", "s3:GetObject"],
      quarantine: ["s3:ListBucket"],
      "vault:vault/*": ["s3:PutObject"],
    });
  });

  /** Returns a function's actions on the files key, which must all go through S3. */
  function filesKeyActions(appFunction: AppFunction): string[] {
    const keyArn = { "Fn::GetAtt": [logicalId(stack.files.key), "Arn"] };
    const statements = roleStatements(appFunction).filter(
      (statement) => JSON.stringify(statement.Resource) === JSON.stringify(keyArn),
    );
    for (const statement of statements) {
      expect(JSON.stringify(statement.Condition)).toContain("kms:ViaService");
    }
    return statements.flatMap((statement) => asList(statement.Action)).sort();
  }

  it("files key allows only what S3 calls", () => {
    // Presigned POST and CopyObject need GenerateDataKey, GET and CopyObject need Decrypt.
    expect(filesKeyActions(stack.api.functions.files)).toEqual(["kms:Decrypt", "kms:GenerateDataKey"]);
    expect(filesKeyActions(stack.processor)).toEqual(["kms:Decrypt", "kms:GenerateDataKey"]);
    for (const group of ["workspaces", "requests", "audit", "openapi"] as const) {
      expect(filesKeyActions(stack.api.functions[group]), group).toEqual([]);
    }
  });

  it("other functions touch no file objects", () => {
    for (const group of ["workspaces", "requests", "audit", "openapi"] as const) {
      expect(s3Grants(stack.api.functions[group]), group).toEqual({});
    }
  });

  it("table access is scoped to the table and its indexes", () => {
    const tableArn = { "Fn::GetAtt": [logicalId(stack.data.table), "Arn"] };
    for (const [name, appFunction] of allFunctions()) {
      for (const statement of roleStatements(appFunction)) {
        if (!asList(statement.Action).some((action) => action.startsWith("dynamodb:"))) continue;
        for (const target of asList(statement.Resource)) {
          expect(JSON.stringify(target), name).toContain(JSON.stringify(tableArn));
        }
      }
    }
  });
});

describe("identity", () => {
  it("user pool disallows sign-up and has a strong policy", () => {
    const properties = resource(logicalId(stack.identity.userPool)).Properties;
    expect(properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(properties.UsernameAttributes).toEqual(["email"]);
    expect(properties.MfaConfiguration).toBe("OPTIONAL");
    expect(properties.EnabledMfas).toEqual(["SOFTWARE_TOKEN_MFA"]);
    expect(properties.DeletionProtection).toBe("ACTIVE");
    const policy = properties.Policies.PasswordPolicy as Record<string, unknown>;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(policy.RequireLowercase).toBe(true);
    expect(policy.RequireUppercase).toBe(true);
    expect(policy.RequireNumbers).toBe(true);
    expect(policy.RequireSymbols).toBe(true);
    expect(resource(logicalId(stack.identity.userPool)).DeletionPolicy).toBe("Retain");
  });

  it("has admin and staff groups", () => {
    const groups = Object.values(template.findResources("AWS::Cognito::UserPoolGroup")) as Resource[];
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual(["admin", "staff"]);
  });

  it("web client has no secret and short tokens", () => {
    const properties = resource(logicalId(stack.identity.webClient)).Properties;
    expect(properties.GenerateSecret).toBe(false);
    expect(properties.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
    );
    expect(properties.TokenValidityUnits.AccessToken).toBe("minutes");
    expect(properties.AccessTokenValidity).toBeLessThanOrEqual(60);
  });
});

describe("web", () => {
  it("distribution serves the private bucket over HTTPS", () => {
    const config = resource(logicalId(stack.web.distribution)).Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe("index.html");
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe("https-only");
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(config.Origins[0].OriginAccessControlId).toBeDefined();
    expect(config.Origins[0].DomainName).toEqual({
      "Fn::GetAtt": [logicalId(stack.web.bucket), "RegionalDomainName"],
    });
    expect(config.Logging.Bucket).toEqual({
      "Fn::GetAtt": [logicalId(stack.accessLogs.bucket), "RegionalDomainName"],
    });
  });

  it("falls back to index.html for app routes", () => {
    const config = resource(logicalId(stack.web.distribution)).Properties.DistributionConfig;
    const fallbacks = config.CustomErrorResponses as Record<string, unknown>[];
    expect(fallbacks.map((response) => response.ErrorCode).sort()).toEqual([403, 404]);
    for (const response of fallbacks) {
      expect(response.ResponseCode).toBe(200);
      expect(response.ResponsePagePath).toBe("/index.html");
    }
  });

  it("sends security headers", () => {
    template.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: "DENY", Override: true },
          ContentSecurityPolicy: Match.objectLike({ Override: true }),
        },
      },
    });
  });

  it("deploys the build and config.json", () => {
    const deployments = Object.values(template.findResources("Custom::CDKBucketDeployment")) as Resource[];
    expect(deployments).toHaveLength(1);
    const properties = deployments[0]!.Properties;
    expect(properties.DestinationBucketName).toEqual({ Ref: logicalId(stack.web.bucket) });
    // One source for the build, one for config.json.
    expect(properties.SourceObjectKeys).toHaveLength(2);
    expect(properties.Prune).toBe(true);
    expect(properties.DistributionId).toEqual({ Ref: logicalId(stack.web.distribution) });
  });

  it("makes browsers revalidate site files", () => {
    const deployment = Object.values(template.findResources("Custom::CDKBucketDeployment"))[0] as Resource;
    expect(deployment.Properties.SystemMetadata).toEqual({ "cache-control": "no-cache" });
  });
});

describe("outputs", () => {
  it("has every output the CLI and web app read", () => {
    const outputs = template.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs).sort()).toEqual([...OUTPUT_IDS, FAILED_FILE_EVENTS_OUTPUT_ID].sort());
  });

  it("ApiUrl has no trailing slash", () => {
    const apiUrl = template.toJSON().Outputs.ApiUrl.Value as { "Fn::Join": [string, unknown[]] };
    const parts = apiUrl["Fn::Join"][1];
    expect(parts[parts.length - 1]).toEqual({ Ref: "AWS::URLSuffix" });
  });
});
