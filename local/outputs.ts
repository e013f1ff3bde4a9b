import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Stack name under which `cdk deploy --outputs-file` nests the outputs. */
export const STACK_NAME = "HubSecure";

/**
 * Outputs of the local stack, with the keys of the AWS stack's outputs plus
 * the local-only endpoints. The web app reads `ApiUrl`, `UserPoolId`,
 * `UserPoolClientId`, `Region` and `CognitoEndpoint`; the CLI reads the rest.
 */
export interface LocalOutputs {
  ApiUrl: string;
  WebUrl: string;
  UserPoolId: string;
  UserPoolClientId: string;
  Region: string;
  TableName: string;
  QuarantineBucketName: string;
  VaultBucketName: string;
  CognitoEndpoint: string;
  OutboxDir: string;
  DynamoDbEndpoint: string;
  S3Endpoint: string;
}

export type OutputsFile = Record<string, Record<string, string>>;

/** Writes `{"HubSecure": outputs}` atomically, so a reader never sees half a file. */
export async function writeOutputsFile(path: string, outputs: LocalOutputs): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  const file: OutputsFile = { [STACK_NAME]: { ...outputs } };
  await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`);
  await rename(temporary, path);
}

/**
 * Reads one stack's outputs from a file written by `cdk deploy
 * --outputs-file` or by local mode. Without `stackName` the file must hold
 * exactly one stack, or one named `HubSecure`.
 */
export async function readStackOutputs(path: string, stackName?: string): Promise<Record<string, string>> {
  const file = JSON.parse(await readFile(path, "utf8")) as OutputsFile;
  if (typeof file !== "object" || file === null) throw new Error(`${path} does not contain a JSON object`);
  const names = Object.keys(file);
  const name = stackName ?? (names.length === 1 ? names[0] : names.includes(STACK_NAME) ? STACK_NAME : undefined);
  if (name === undefined || typeof file[name] !== "object") {
    const found = names.length > 0 ? names.join(", ") : "none";
    throw new Error(`${path} has no outputs for stack ${stackName ?? STACK_NAME} (stacks found: ${found})`);
  }
  return file[name]!;
}
