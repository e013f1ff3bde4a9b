import { Annotations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as ses from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";

export interface MailProps {
  /** Sender address of invitation e-mails. */
  mailFrom: string;
}

/** Annotation id of the warning that the sender address is a placeholder. */
export const MAIL_FROM_PLACEHOLDER_WARNING = "hubsecure:mailFromPlaceholder";

/** Second-level domains and top-level domains that RFC 2606 reserves for examples and tests. */
const RESERVED_DOMAINS = ["example.com", "example.net", "example.org"];
const RESERVED_TOP_LEVEL_DOMAINS = ["example", "test", "invalid", "localhost"];

/** Returns whether an address is at a reserved domain that receives no mail, such as the default sender's. */
export function isPlaceholderAddress(address: string): boolean {
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  const topLevelDomain = domain.slice(domain.lastIndexOf(".") + 1);
  return (
    RESERVED_DOMAINS.some((reserved) => domain === reserved || domain.endsWith(`.${reserved}`)) ||
    RESERVED_TOP_LEVEL_DOMAINS.includes(topLevelDomain)
  );
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

    // The stack still deploys, but no one can click the verification link,
    // so every client invitation would fail at run time.
    if (isPlaceholderAddress(props.mailFrom)) {
      Annotations.of(this).addWarningV2(
        MAIL_FROM_PLACEHOLDER_WARNING,
        `The invitation sender ${props.mailFrom} is at a reserved example domain, so SES can never verify it ` +
          "and client invitations will fail. Deploy with `-c mailFrom=<an address of your firm>`.",
      );
    }
  }

  /** Allows sending e-mail from the configured sender address only. */
  grantSend(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["ses:SendEmail"],
        // SES authorizes SendEmail against the sender identity.
        // NOTE: the SES guide warns that sandbox restrictions can stop some
        // IAM policies from working. It is untested whether a sandboxed account
        // also checks this grant against each verified recipient's identity
        // ARN. An AccessDenied that names a recipient would mean it does.
        resources: [this.identity.emailIdentityArn],
        conditions: { StringEquals: { "ses:FromAddress": this.mailFrom } },
      }),
    );
  }
}
