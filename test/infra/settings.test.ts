import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { Identity } from "../../infra/constructs/identity";
import { DEFAULT_SETTINGS, readStackSettings } from "../../infra/settings";

function settingsFrom(context: Record<string, string>) {
  return readStackSettings(new App({ context }));
}

describe("readStackSettings", () => {
  it("defaults without context", () => {
    expect(settingsFrom({})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.stackName).toBe("HubSecure");
    expect(DEFAULT_SETTINGS.mfa).toBe("optional");
    expect(DEFAULT_SETTINGS.mailFrom).toBe("no-reply@example.com");
  });

  it("reads every context value", () => {
    const settings = settingsFrom({
      stackName: "HubSecure-Staging",
      mfa: "REQUIRED",
      featurePlan: "plus",
      mailFrom: "portal@firm.example",
      tracing: "true",
      alarmEmail: "ops@firm.example",
    });
    expect(settings).toEqual({
      stackName: "HubSecure-Staging",
      mfa: "required",
      featurePlan: "plus",
      mailFrom: "portal@firm.example",
      tracing: true,
      alarmEmail: "ops@firm.example",
    });
  });

  it("has no alarm e-mail by default", () => {
    expect(settingsFrom({}).alarmEmail).toBeUndefined();
  });

  it.each([
    ["mfa", "sometimes", /mfa="sometimes".*optional, required/],
    ["featurePlan", "lite", /featurePlan="lite".*essentials, plus/],
    ["mailFrom", "portal", /mailFrom="portal".*e-mail address/],
    ["stackName", "1st stack", /stackName="1st stack"/],
    ["tracing", "yes", /tracing="yes".*true or false/],
    ["alarmEmail", "ops", /alarmEmail="ops".*e-mail address/],
  ])("rejects invalid %s", (key, value, message) => {
    expect(() => settingsFrom({ [key]: value })).toThrow(message);
  });
});

describe("Identity", () => {
  function identityTemplate(props: ConstructorParameters<typeof Identity>[2]) {
    const stack = new Stack(new App(), "IdentityTest");
    new Identity(stack, "Identity", props);
    return Template.fromStack(stack);
  }

  it("requires TOTP when MFA is required", () => {
    const template = identityTemplate({ mfa: "required", featurePlan: "essentials", signInUrl: "https://portal.example.com" });
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      MfaConfiguration: "ON",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      UserPoolTier: "ESSENTIALS",
    });
  });

  it("enforces threat protection on the Plus plan", () => {
    const template = identityTemplate({ mfa: "optional", featurePlan: "plus", signInUrl: "https://portal.example.com" });
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      MfaConfiguration: "OPTIONAL",
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
    });
  });
});
