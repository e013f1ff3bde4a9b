/**
 * The operations CLI: `hubsecure users create`. It works against local mode
 * by default and against a deployed stack given `--outputs`.
 *
 * Exit status: 0 on success or requested help, 1 when the operation fails,
 * 2 for a missing or unknown command or invalid options.
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readStackOutputs } from "../local/outputs";
import { UsageError, parseCommandLine, type UsersCreateOptions } from "./arguments";
import { CliError, createAwsUser, createLocalUser, isLocalOutputs } from "./users-create";

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));

/** Reads the stack outputs: the file given with --outputs, or local mode's outputs.json. */
async function readOutputs(options: UsersCreateOptions): Promise<{ outputs: Record<string, string>; source: string }> {
  const localDir = resolve(process.env.HUBSECURE_DATA_DIR || join(repositoryRoot, ".local"));
  const source = options.outputs ? resolve(options.outputs) : join(localDir, "outputs.json");
  try {
    return { outputs: await readStackOutputs(source, options.stack), source };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new CliError(`Failed to read ${source}: ${(error as Error).message}`);
    }
    throw new CliError(
      options.outputs
        ? `${source} does not exist; write it with cdk deploy --outputs-file ${options.outputs}.`
        : `No local stack outputs at ${source}. Start local mode with "npm start" first, or pass --outputs cdk-outputs.json for a deployed stack.`,
    );
  }
}

async function usersCreate(options: UsersCreateOptions): Promise<string> {
  const { outputs, source } = await readOutputs(options);
  if (isLocalOutputs(outputs)) return createLocalUser(outputs, source, options);

  if (options.password !== undefined) {
    throw new UsageError("--password works in local mode only; in AWS, Cognito e-mails a temporary password.");
  }
  if (options.resetPassword) {
    throw new UsageError(
      "--reset-password works in local mode only. In AWS, set a temporary password that the user replaces at the next sign-in: " +
        `aws cognito-idp admin-set-user-password --user-pool-id ${outputs.UserPoolId ?? "<UserPoolId>"} ` +
        `--username ${options.email} --password <temporary-password> --no-permanent`,
    );
  }
  return createAwsUser(outputs, source, options.email, options.role);
}

function exitWith(message: string, exitCode: number): never {
  process.stderr.write(`hubsecure: ${message}\n`);
  process.exit(exitCode);
}

async function main(argv: string[]): Promise<void> {
  const command = parseCommandLine(argv);
  if (command.name === "help") {
    process.stdout.write(command.text);
    return;
  }
  process.stdout.write(`${await usersCreate(command.options)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) exitWith(error.message, 2);
  if (error instanceof CliError) exitWith(error.message, 1);
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  exitWith(`the command failed: ${message}`, 1);
});
