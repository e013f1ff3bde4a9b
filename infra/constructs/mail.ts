import * as iam from "aws-cdk-lib/aws-iam";
import * as ses from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";

export interface MailProps {
  /** Sender address of invitation e-mails. */
  mailFrom: string;
}

/**
 * The SES e-mail identity that invitations are sent from. After deployment
 * SES e-mails the address a verification link, and sending fails until it is
 * clicked. While the account is in the SES sandbox, SES also rejects every
 * recipient that is not verified.
 */
export class Mail extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly mailFrom: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.mailFrom = props.mailFrom;
    this.identity = new ses.EmailIdentity(this, "SenderIdentity", {
      identity: ses.Identity.email(props.mailFrom),
    });
  }

  /** Allows sending e-mail from the configured sender address only. */
  grantSend(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["ses:SendEmail"],
        // SES authorizes SendEmail against the sender identity.
        resources: [this.identity.emailIdentityArn],
        conditions: { StringEquals: { "ses:FromAddress": this.mailFrom } },
      }),
    );
  }
}
