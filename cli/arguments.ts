import { parseArgs } from "node:util";
import { Email } from "../shared/api/schemas";
import { passwordPolicyViolations } from "../shared/users/password-policy";
import { MAIN_HELP, USERS_CREATE_HELP } from "./usage";

export type FirmRole = "admin" | "staff";

/** Invalid command-line input; the CLI prints the message and exits with status 2. */
export class UsageError extends Error {}

export interface UsersCreateOptions {
  email: string;
  role: FirmRole;
  password?: string;
  resetPassword: boolean;
  outputs?: string;
  stack?: string;
}

export type CliCommand = { name: "help"; text: string } | { name: "users create"; options: UsersCreateOptions };

const HELP_FLAGS = new Set(["-h", "--help"]);

function parseRole(value: string | undefined): FirmRole {
  if (value === "admin" || value === "staff") return value;
  throw new UsageError(value === undefined ? "--role is required (admin or staff)." : `--role must be admin or staff, got "${value}".`);
}

function parseEmail(value: string | undefined): string {
  if (value === undefined) throw new UsageError("--email is required.");
  const parsed = Email.safeParse(value);
  if (!parsed.success) throw new UsageError(`--email must be an e-mail address such as name@example.com, got "${value}".`);
  return parsed.data;
}

/** Joins ["a", "b", "c"] as "a, b and c". */
function joinAsList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Checks the password against the user pool's policy, which cognito-local does not enforce. */
function parsePassword(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const violations = passwordPolicyViolations(value);
  if (violations.length > 0) {
    throw new UsageError(
      `--password does not meet the user pool's password policy: it needs ${joinAsList(violations)}. ` +
        "Choose a stronger password, or leave out --password to get a temporary one.",
    );
  }
  return value;
}

function parseUsersCreate(args: string[]): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        email: { type: "string" },
        role: { type: "string" },
        password: { type: "string" },
        "reset-password": { type: "boolean" },
        outputs: { type: "string" },
        stack: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun "hubsecure users create --help" for the options.`);
  }
  if (values.help) return { name: "help", text: USERS_CREATE_HELP };
  return {
    name: "users create",
    options: {
      email: parseEmail(values.email),
      role: parseRole(values.role),
      password: parsePassword(values.password),
      resetPassword: values["reset-password"] ?? false,
      outputs: values.outputs,
      stack: values.stack,
    },
  };
}

/**
 * Parses the arguments after `hubsecure`. Help that was asked for is a
 * `help` command; a missing or unknown command is a UsageError that carries
 * the usage.
 */
export function parseCommandLine(argv: string[]): CliCommand {
  const [command, subcommand, ...rest] = argv;
  if (command === undefined) throw new UsageError(`missing command.\n\n${MAIN_HELP}`);
  if (HELP_FLAGS.has(command) || command === "help") return { name: "help", text: MAIN_HELP };
  if (command === "users") {
    if (subcommand === "create") return parseUsersCreate(rest);
    if (subcommand !== undefined && HELP_FLAGS.has(subcommand)) return { name: "help", text: MAIN_HELP };
    if (subcommand === undefined) throw new UsageError(`missing subcommand of "users".\n\n${MAIN_HELP}`);
  }
  throw new UsageError(`unknown command "${[command, subcommand].filter(Boolean).join(" ")}".\n\n${MAIN_HELP}`);
}
