import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { PASSWORD_POLICY } from "../../shared/users/password-policy";
import type { FeaturePlanSetting, MfaSetting } from "../settings";

export interface IdentityProps {
  mfa: MfaSetting;
  featurePlan: FeaturePlanSetting;
  /** Address of the web app, written into Cognito's invitation e-mail. */
  signInUrl: string;
}

/** Cognito groups that carry firm-wide roles. Client contacts belong to neither. */
export const USER_GROUPS = ["admin", "staff"] as const;

/**
 * The Cognito user pool for staff and client contacts, and the app client the
 * web front end signs in with. Users are created by staff (invitations), never
 * by self sign-up.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);

    const plus = props.featurePlan === "plus";
    this.userPool = new cognito.UserPool(this, "UserPool", {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: PASSWORD_POLICY.minLength,
        requireLowercase: PASSWORD_POLICY.requireLowercase,
        requireUppercase: PASSWORD_POLICY.requireUppercase,
        requireDigits: PASSWORD_POLICY.requireDigits,
        requireSymbols: PASSWORD_POLICY.requireSymbols,
        // Invitation passwords must be replaced at the first sign-in.
        tempPasswordValidity: Duration.days(PASSWORD_POLICY.tempPasswordValidityDays),
      },
      mfa: props.mfa === "required" ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Cognito sends this when an operator creates a staff account with
      // `hubsecure users create`; client invitations come from the API via SES
      // in the same format.
      userInvitation: {
        emailSubject: "Your HubSecure account",
        emailBody: [
          "Hello,<br><br>You have been given an account on HubSecure, your firm's secure client portal.<br><br>",
          `Sign in at: ${props.signInUrl}<br>`,
          "User name: {username}<br>",
          "Temporary password: {####}<br><br>",
          "At your first sign-in you will choose a new password. The temporary password expires in 7 days.",
        ].join(""),
      },
      featurePlan: plus ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      standardThreatProtectionMode: plus ? cognito.StandardThreatProtectionMode.FULL_FUNCTION : undefined,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const groupName of USER_GROUPS) {
      this.userPool.addGroup(`${groupName}Group`, { groupName, description: `HubSecure ${groupName} users` });
    }

    this.webClient = this.userPool.addClient("WebClient", {
      // A browser cannot keep a client secret.
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      // The web app signs in through the Cognito API, not the hosted UI.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(12),
    });

    const cfnPool = this.userPool.node.defaultChild as cognito.CfnUserPool;
    if (props.mfa !== "required") {
      Validations.of(cfnPool).acknowledge({
        id: "AwsSolutions-COG2",
        reason:
          "MFA is optional by default so that client contacts can sign in on their first invitation; " +
          "TOTP is offered to every user and a firm can require it with the context value mfa=required.",
      });
    }
    if (!plus) {
      Validations.of(cfnPool).acknowledge({
        id: "AwsSolutions-COG8",
        reason:
          "The Essentials plan keeps the per-user cost low for occasional client contacts; " +
          "a firm can switch to the Plus plan with threat protection via the context value featurePlan=plus.",
      });
    }
  }

  /**
   * Allows inviting users: look one up, create one, add one to a group, and
   * set a fresh temporary password when someone who never signed in is
   * invited again.
   */
  grantInvitations(grantee: iam.IGrantable): void {
    this.userPool.grant(
      grantee,
      "cognito-idp:AdminGetUser",
      "cognito-idp:AdminCreateUser",
      "cognito-idp:AdminAddUserToGroup",
      "cognito-idp:AdminSetUserPassword",
    );
  }

  /** Allows reading a user's attributes, which a caller's first request needs for the e-mail. */
  grantUserLookup(grantee: iam.IGrantable): void {
    this.userPool.grant(grantee, "cognito-idp:AdminGetUser");
  }

  /** Issuer of the pool's tokens, as API Gateway's JWT authorizer expects it. */
  get issuerUrl(): string {
    return this.userPool.userPoolProviderUrl;
  }
}
