import * as os from "node:os";
import * as path from "node:path";
import { App, Stack } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { AccessLogs } from "../../infra/constructs/access-logs";
import { WEB_DIST_MISSING_WARNING, Web } from "../../infra/constructs/web";

describe("Web without a build", () => {
  const stack = new Stack(new App(), "WebTest");
  const web = new Web(stack, "Web", { accessLogs: new AccessLogs(stack, "AccessLogs") });
  const missingDist = path.join(os.tmpdir(), "hubsecure-no-such-web-dist");
  web.deploySite(
    { ApiUrl: "https://api.example", UserPoolId: "pool", UserPoolClientId: "client", Region: "eu-west-1" },
    missingDist,
  );

  it("deploys config.json only", () => {
    const deployments = Template.fromStack(stack).findResources("Custom::CDKBucketDeployment");
    const properties = Object.values(deployments)[0]?.Properties as Record<string, unknown[]>;
    expect(properties.SourceObjectKeys).toHaveLength(1);
    // Pruning would delete an app deployed earlier.
    expect(properties.Prune).toBe(false);
  });

  it("warns to build the web app", () => {
    const warnings = Annotations.fromStack(stack).findWarning(
      "/WebTest/Web",
      Match.stringLikeRegexp("npm run build:web"),
    );
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).toContain(WEB_DIST_MISSING_WARNING);
  });
});
