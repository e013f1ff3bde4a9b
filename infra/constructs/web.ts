import * as fs from "node:fs";
import * as path from "node:path";
import { Annotations, Duration, Fn, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import type { AccessLogs } from "./access-logs";
import { bucketObjectsFinding } from "../nag";

export interface WebProps {
  accessLogs: AccessLogs;
}

/**
 * Runtime configuration of the web app, served as `/config.json`. The keys
 * match the stack outputs and local mode's outputs file, so the front end
 * reads the same shape everywhere.
 */
export interface WebConfig {
  ApiUrl: string;
  UserPoolId: string;
  UserPoolClientId: string;
  Region: string;
}

/** Annotation id of the warning that the web app was not built before synthesis. */
export const WEB_DIST_MISSING_WARNING = "hubsecure:webDistMissing";

/**
 * The web front end: a private bucket served only through CloudFront with
 * origin access control, HTTPS only, security headers on every response and
 * a fallback to `index.html` for client-side routes.
 */
export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, "SiteBucket", {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...props.accessLogs.target("web"),
    });

    const origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    const responseHeadersPolicy = this.createSecurityHeadersPolicy();
    const behavior = {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      responseHeadersPolicy,
      compress: true,
    };

    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: "HubSecure web app",
      defaultRootObject: "index.html",
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: { ...behavior, cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED },
      additionalBehaviors: {
        // Read at every page load, so a redeployed stack takes effect at once.
        "/config.json": { ...behavior, cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED },
      },
      // Client-side routes have no object. S3 returns 403 for them, not 404,
      // because the distribution may not list the bucket.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: "/index.html",
        ttl: Duration.seconds(0),
      })),
      enableLogging: true,
      logBucket: props.accessLogs.bucket,
      logFilePrefix: "cloudfront/",
    });

    this.acknowledgeDistributionFindings();
  }

  /** Address of the web app, such as `https://d111111abcdef8.cloudfront.net`. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Deploys the built app from `distDir` and `config.json` beside it. Without
   * a build the stack still deploys, with the configuration only, and the
   * synthesis shows a warning to run `npm run build:web` first.
   */
  deploySite(config: WebConfig, distDir: string): void {
    const sources = [s3deploy.Source.jsonData("config.json", config)];
    const built = fs.existsSync(path.join(distDir, "index.html"));
    if (built) {
      sources.unshift(s3deploy.Source.asset(distDir));
    } else {
      Annotations.of(this).addWarningV2(
        WEB_DIST_MISSING_WARNING,
        `The web app is not built (${path.join(distDir, "index.html")} not found), so only config.json ` +
          "will be deployed. Run `npm run build:web` before `cdk deploy`.",
      );
    }

    new s3deploy.BucketDeployment(this, "Deployment", {
      sources,
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ["/*"],
      // Pruning removes files of an earlier build; without a build it would
      // remove the app that is already deployed.
      prune: built,
      // Without Cache-Control a browser may reuse index.html heuristically
      // after a redeploy, and the pruned asset it names then loads as HTML
      // through the error fallback. no-cache makes browsers revalidate every
      // file, which costs a 304 for the unchanged hashed assets.
      cacheControl: [s3deploy.CacheControl.noCache()],
      memoryLimit: 512,
    });
    acknowledgeDeploymentHandler(Stack.of(this), this.bucket);
  }

  private createSecurityHeadersPolicy(): cloudfront.ResponseHeadersPolicy {
    const stack = Stack.of(this);
    const aws = (host: string) => `https://${host}.${stack.region}.${stack.urlSuffix}`;
    // The app calls Cognito and the API, and posts uploads straight to S3.
    // The API and bucket hosts are wildcards because naming them here would
    // make the distribution depend on resources that depend on it.
    const connectSources = [
      "'self'",
      aws("cognito-idp"),
      aws("*.execute-api"),
      aws("*.s3"),
      `https://*.s3.${stack.urlSuffix}`,
    ];
    const contentSecurityPolicy = Fn.join("; ", [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      Fn.join(" ", ["connect-src", ...connectSources]),
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]);

    return new cloudfront.ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "HubSecure security headers",
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()", override: true },
        ],
      },
    });
  }

  private acknowledgeDistributionFindings(): void {
    const validations = Validations.of(this.distribution);
    validations.acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "Clients of a firm may sign in from any country, so the distribution has no geo restriction.",
    });
    validations.acknowledge({
      id: "AwsSolutions-CFR2",
      reason:
        "The distribution serves static files only; the API enforces authentication and throttling. " +
        "A firm that needs AWS WAF can attach a web ACL without changing the app.",
    });
    validations.acknowledge({
      id: "AwsSolutions-CFR4",
      reason:
        "The distribution has no custom domain, so it uses the default *.cloudfront.net certificate, " +
        "whose security policy CloudFront fixes; viewers are still required to use HTTPS.",
    });
  }
}

/** Acknowledges findings on the function that CDK adds once per stack to copy the site into the bucket. */
function acknowledgeDeploymentHandler(stack: Stack, siteBucket: s3.Bucket): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith("Custom::CDKBucketDeployment")) continue;
    const validations = Validations.of(child);
    validations.acknowledge({
      id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      reason: "CDK's bucket deployment function uses the managed basic execution role for its own logs.",
    });
    validations.acknowledge({
      id: "AwsSolutions-L1",
      reason: "The runtime of CDK's bucket deployment function is chosen by aws-cdk-lib, not by this app.",
    });
    const copyReason =
      "CDK's bucket deployment function copies the built site from the CDK asset bucket into the site " +
      "bucket; aws-cdk-lib grants these actions and runs the function only during deployments.";
    for (const finding of [
      "Action::s3:GetBucket*",
      "Action::s3:GetObject*",
      "Action::s3:List*",
      "Action::s3:Abort*",
      "Action::s3:DeleteObject*",
      "Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*",
    ]) {
      validations.acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: copyReason });
    }
    validations.acknowledge({ id: bucketObjectsFinding(siteBucket), reason: copyReason });
    validations.acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "CDK's bucket deployment function invalidates the distribution's cache after a deployment; " +
        "aws-cdk-lib grants cloudfront:CreateInvalidation and GetInvalidation on all distributions.",
    });
  }
}
