import { App, Stack, Validations, type PolicyViolation } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StackSettings } from "../../infra/settings";
import { synthesizeStack, type SynthesizedStack } from "./synth-stack";

/** Formats one line per finding, so a failure names the rule and the construct. */
function describeViolations(violations: PolicyViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.violatingResources.map(
      (resource) => `${violation.ruleName} at ${resource.constructPath ?? "?"}: ${violation.description}`,
    ),
  );
}

/** Collects every acknowledgment recorded in the construct tree, with its construct path. */
function acknowledgments(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
}

const VARIANTS: { name: string; settings: Partial<Omit<StackSettings, "stackName">> }[] = [
  { name: "default settings", settings: {} },
  {
    name: "MFA required, Plus plan, tracing, alarm e-mail",
    settings: { mfa: "required", featurePlan: "plus", tracing: true, alarmEmail: "ops@firm.example" },
  },
];

describe.each(VARIANTS)("AwsSolutions with $name", ({ settings }) => {
  let synthesized: SynthesizedStack;

  beforeAll(() => {
    synthesized = synthesizeStack({ settings });
  });

  afterAll(() => synthesized?.cleanup());

  it("has no unacknowledged finding", () => {
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    expect(describeViolations(report.violations)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it("gives every acknowledgment a reason", () => {
    const recorded = acknowledgments(synthesized.app);
    expect(recorded.length).toBeGreaterThan(0);
    for (const { path, id, reason } of recorded) {
      expect(reason.trim().length, `${id} at ${path}`).toBeGreaterThanOrEqual(40);
    }
  });
});

describe("AwsSolutions checks", () => {
  it("report unacknowledged findings", () => {
    // Guards the tests above against a pack that silently checks nothing.
    const app = new App();
    new s3.Bucket(new Stack(app, "Bare"), "Bucket");
    const report = new AwsSolutionsChecks().validateScope(app);
    const rules = report.violations.map((violation) => violation.ruleName);
    expect(rules).toContain("AwsSolutions-S1");
    expect(rules).toContain("AwsSolutions-S10");
  });
});
