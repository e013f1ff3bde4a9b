/**
 * The operations CLI: `hubsecure users create`. It works against local mode
 * by default and against a deployed stack given `--outputs`.
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Email } from "../shared/api/schemas";
import { readStackOutputs } from "../local/outputs";
import { CliError, createAwsUser, createLocalUser, isLocalOutputs, type FirmRole } from "./users-create";

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));

const MAIN_HELP = `Usage: hubsecure <command> [options]

Operations for a HubSecure installation: local mode (npm start) by default,
or a deployed stack given --outputs.

Commands:
  users create    Create a firm user (admin or staff) in the user pool

Options:
  -h, --help      Show this help

Run "hubsecure users create --help" for the options of a command.
`;

const USERS_CREATE_HELP = `Usage: hubsecure users create --email <address> --role <admin|staff> [options]

Creates a firm user in the Cognito user pool and adds it to the groups of its
role. Client contacts are not created here: staff invite them to a workspace.

Options:
  --email <address>     E-mail address the user signs in with; stored in lower case.
  --role <admin|staff>  Cognito groups of the user. staff (group staff): creates
                        workspaces and invites clients. admin (groups admin and
                        staff): also sees every workspace.
  --password <value>    Local mode only: sets a permanent password. Without it the
                        command prints a temporary password, which the user
                        replaces at first sign-in.
  --outputs <file>      Outputs file of a deployed stack (cdk deploy --outputs-file
                        cdk-outputs.json). In AWS, Cognito e-mails the invitation
                        with a temporary password. Without this option the command
                        uses local mode (.local/outputs.json), which must be running.
  --stack <name>        Stack in the outputs file; default: its only stack, or HubSecure.
  -h, --help            Show this help
`;

function fail(message: string, exitCode = 1): never {
  process.stderr.write(`hubsecure: ${message}\n`);
  process.exit(exitCode);
}

function parseRole(value: string | undefined): FirmRole {
  if (value === "admin" || value === "staff") return value;
  return fail(value === undefined ? "--role is required (admin or staff)." : `--role must be admin or staff, got "${value}".`, 2);
}

function parseEmail(value: string | undefined): string {
  if (value === undefined) return fail("--email is required.", 2);
  const parsed = Email.safeParse(value);
  if (!parsed.success) return fail(`--email must be an e-mail address such as name@example.com, got "${value}".`, 2);
  return parsed.data;
}

async function usersCreate(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        email: { type: "string" },
        role: { type: "string" },
        password: { type: "string" },
        outputs: { type: "string" },
        stack: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(`${(error as Error).message}\nRun "hubsecure users create --help" for the options.`, 2);
  }
  if (values.help) {
    process.stdout.write(USERS_CREATE_HELP);
    return;
  }
  const email = parseEmail(values.email);
  const role = parseRole(values.role);

  const localDir = resolve(process.env.HUBSECURE_DATA_DIR || join(repositoryRoot, ".local"));
  const source = values.outputs ? resolve(values.outputs) : join(localDir, "outputs.json");
  let outputs: Record<string, string>;
  try {
    outputs = await readStackOutputs(source, values.stack);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return fail(
        values.outputs
          ? `${source} does not exist; write it with cdk deploy --outputs-file ${values.outputs}.`
          : `No local stack outputs at ${source}. Start local mode with "npm start" first, or pass --outputs cdk-outputs.json for a deployed stack.`,
      );
    }
    return fail(`Failed to read ${source}: ${(error as Error).message}`);
  }

  if (isLocalOutputs(outputs)) {
    process.stdout.write(`${await createLocalUser(outputs, source, email, role, values.password)}\n`);
  } else {
    if (values.password !== undefined) {
      return fail("--password works in local mode only; in AWS, Cognito e-mails a temporary password.", 2);
    }
    process.stdout.write(`${await createAwsUser(outputs, source, email, role)}\n`);
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, subcommand, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(MAIN_HELP);
    return;
  }
  if (command === "users" && subcommand === "create") return usersCreate(rest);
  if (command === "users" && (subcommand === undefined || subcommand === "--help" || subcommand === "-h")) {
    process.stdout.write(MAIN_HELP);
    return;
  }
  fail(`unknown command "${[command, subcommand].filter(Boolean).join(" ")}".\n\n${MAIN_HELP}`, 2);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) fail(error.message);
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  fail(`the command failed: ${message}`);
});
