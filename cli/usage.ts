import { PASSWORD_POLICY } from "../shared/users/password-policy";

export const MAIN_HELP = `Usage: hubsecure <command> [options]

Operations for a HubSecure installation: local mode (npm start) by default,
or a deployed stack given --outputs.

Commands:
  users create    Create a firm user (admin or staff) in the user pool

Options:
  -h, --help      Show this help

Run "hubsecure users create --help" for the options of a command.
`;

export const USERS_CREATE_HELP = `Usage: hubsecure users create --email <address> --role <admin|staff> [options]

Creates a firm user in the Cognito user pool and adds it to the groups of its
role. Client contacts are not created here: staff invite them to a workspace.

If the user already exists, the command adds it to the groups of the role
(it keeps any other groups) and leaves its password unchanged, unless
--reset-password is given.

Options:
  --email <address>     E-mail address the user signs in with; stored in lower case.
  --role <admin|staff>  Cognito groups of the user. staff (group staff): creates
                        workspaces and invites clients. admin (groups admin and
                        staff): also sees every workspace.
  --password <value>    Local mode only: sets a permanent password. It needs at
                        least ${PASSWORD_POLICY.minLength} characters, with a lower-case letter, an
                        upper-case letter, a digit and a symbol such as ! or #,
                        as the AWS user pool requires. Without it the command
                        prints a temporary password, which the user replaces at
                        first sign-in.
  --reset-password      Local mode only: replaces the password of an existing user
                        with the --password value, or else with a new temporary
                        password that the user replaces at the next sign-in.
  --outputs <file>      Outputs file of a deployed stack (cdk deploy --outputs-file
                        cdk-outputs.json). In AWS, Cognito e-mails the invitation
                        with a temporary password. Without this option the command
                        uses local mode, which must be running.
  --stack <name>        Stack in the outputs file; default: its only stack, or HubSecure.
  -h, --help            Show this help

Environment:
  HUBSECURE_DATA_DIR    Data directory of local mode, the same one npm start uses;
                        the command reads <dir>/outputs.json. Default: .local in
                        the repository.

Exit status: 0 on success, 1 when the operation fails, 2 for invalid options.
`;
