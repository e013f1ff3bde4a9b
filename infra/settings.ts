import type { Construct } from "constructs";

/** Multi-factor authentication setting of the user pool. */
export type MfaSetting = "optional" | "required";

/**
 * Cognito feature plan. `plus` turns on threat protection (compromised
 * credentials, adaptive authentication) and costs more per monthly active user.
 */
export type FeaturePlanSetting = "essentials" | "plus";

/** Deploy-time choices a firm makes, read from CDK context (`-c key=value`). */
export interface StackSettings {
  stackName: string;
  mfa: MfaSetting;
  featurePlan: FeaturePlanSetting;
  /** Sender address of invitation e-mails, which becomes an SES e-mail identity. */
  mailFrom: string;
  /** Turns on X-Ray active tracing for every function. */
  tracing: boolean;
  /** Address subscribed to the stack's alarms. Without it the alarms notify no one. */
  alarmEmail?: string;
}

export const DEFAULT_SETTINGS: StackSettings = {
  stackName: "HubSecure",
  mfa: "optional",
  featurePlan: "essentials",
  mailFrom: "no-reply@example.com",
  tracing: false,
};

// Deliberately loose: SES verifies the address itself, so this only catches typos
// such as a missing domain before a deployment starts.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

function contextString(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === "") return undefined;
  return String(value).trim();
}

function oneOf<T extends string>(key: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase();
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`Invalid context value ${key}="${raw}": expected one of ${allowed.join(", ")}`);
  }
  return value as T;
}

function booleanSetting(key: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  throw new Error(`Invalid context value ${key}="${raw}": expected true or false`);
}

/** Reads and validates the stack settings, so a typo fails before any deployment. */
export function readStackSettings(scope: Construct): StackSettings {
  const stackName = contextString(scope, "stackName") ?? DEFAULT_SETTINGS.stackName;
  if (!STACK_NAME_PATTERN.test(stackName)) {
    throw new Error(
      `Invalid context value stackName="${stackName}": use letters, digits and hyphens, starting with a letter`,
    );
  }

  const mailFrom = contextString(scope, "mailFrom") ?? DEFAULT_SETTINGS.mailFrom;
  if (!EMAIL_PATTERN.test(mailFrom)) {
    throw new Error(`Invalid context value mailFrom="${mailFrom}": expected an e-mail address`);
  }

  const alarmEmail = contextString(scope, "alarmEmail");
  if (alarmEmail !== undefined && !EMAIL_PATTERN.test(alarmEmail)) {
    throw new Error(`Invalid context value alarmEmail="${alarmEmail}": expected an e-mail address`);
  }

  return {
    stackName,
    mfa: oneOf("mfa", contextString(scope, "mfa"), ["optional", "required"], DEFAULT_SETTINGS.mfa),
    featurePlan: oneOf(
      "featurePlan",
      contextString(scope, "featurePlan"),
      ["essentials", "plus"],
      DEFAULT_SETTINGS.featurePlan,
    ),
    mailFrom,
    tracing: booleanSetting("tracing", contextString(scope, "tracing"), DEFAULT_SETTINGS.tracing),
    alarmEmail,
  };
}
