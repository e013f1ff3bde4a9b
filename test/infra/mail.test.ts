import { App, Stack } from "aws-cdk-lib";
import { Annotations, Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { MAIL_FROM_PLACEHOLDER_WARNING, Mail, isPlaceholderAddress } from "../../infra/constructs/mail";
import { DEFAULT_SETTINGS } from "../../infra/settings";

function senderWarnings(mailFrom: string) {
  const stack = new Stack(new App(), "MailTest");
  new Mail(stack, "Mail", { mailFrom });
  return Annotations.fromStack(stack).findWarning("/MailTest/Mail", Match.stringLikeRegexp("mailFrom"));
}

describe("Mail", () => {
  it("warns about the default sender", () => {
    const warnings = senderWarnings(DEFAULT_SETTINGS.mailFrom);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).toContain(MAIL_FROM_PLACEHOLDER_WARNING);
  });

  it("accepts a firm's sender quietly", () => {
    expect(senderWarnings("portal@firm-accounting.com")).toEqual([]);
  });
});

describe("isPlaceholderAddress", () => {
  it.each(["no-reply@example.com", "a@mail.EXAMPLE.org", "a@firm.example", "a@host.test", "a@localhost"])(
    "flags %s",
    (address) => {
      expect(isPlaceholderAddress(address)).toBe(true);
    },
  );

  it.each(["portal@firm.com", "a@example-firm.com", "a@notexample.org"])("passes %s", (address) => {
    expect(isPlaceholderAddress(address)).toBe(false);
  });
});
