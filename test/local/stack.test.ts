import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:net";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { S3Event } from "aws-lambda";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PortInUseError, closeServer, findFreePort, listen } from "../../local/ports";
import { startLocalStack, type LocalStack } from "../../local/stack";

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURE_FUNCTIONS = fileURLToPath(new URL("./fixtures/functions", import.meta.url));

async function occupyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  const port = await listen(server, "127.0.0.1", 0, { service: "a test blocker" });
  return { server, port };
}

describe("local stack", () => {
  let dataDir: string;
  let stack: LocalStack;
  let processedFile: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hubsecure-stack-"));
    processedFile = join(dataDir, "processed.jsonl");
    process.env.PROCESSED_EVENTS_FILE = processedFile;
    stack = await startLocalStack({ dataDir, functionsDir: FIXTURE_FUNCTIONS });
  });

  afterAll(async () => {
    await stack?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("outputs file in the cdk shape", async () => {
    const file = JSON.parse(await readFile(join(dataDir, "outputs.json"), "utf8"));
    expect(Object.keys(file)).toEqual(["HubSecure"]);
    expect(file.HubSecure).toEqual(stack.outputs);
    for (const key of ["ApiUrl", "WebUrl", "UserPoolId", "UserPoolClientId", "Region", "CognitoEndpoint", "OutboxDir"]) {
      expect(typeof file.HubSecure[key]).toBe("string");
    }
    expect(stack.outputs.ApiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.outputs.OutboxDir).toBe(join(dataDir, "outbox"));
  });

  it("handler environment", () => {
    expect(process.env.TABLE_NAME).toBe(stack.outputs.TableName);
    expect(process.env.QUARANTINE_BUCKET).toBe(stack.outputs.QuarantineBucketName);
    expect(process.env.USER_POOL_CLIENT_ID).toBe(stack.outputs.UserPoolClientId);
    expect(process.env.MAIL_TRANSPORT).toBe("outbox");
    expect(process.env.OUTBOX_DIR).toBe(stack.outputs.OutboxDir);
    expect(process.env.WEB_URL).toBe(stack.outputs.WebUrl);
    expect(process.env.VAULT_KMS_KEY_ID).toBeTruthy();
    expect(process.env.HUBSECURE_S3_ENDPOINT).toBe(stack.outputs.S3Endpoint);
    expect(process.env.HUBSECURE_DYNAMODB_ENDPOINT).toBe(stack.outputs.DynamoDbEndpoint);
    expect(process.env.HUBSECURE_COGNITO_ENDPOINT).toBe(stack.outputs.CognitoEndpoint);
  });

  it("web config.json", async () => {
    const response = await fetch(`${stack.outputs.WebUrl}/config.json`);
    expect(await response.json()).toEqual({
      ApiUrl: stack.outputs.ApiUrl,
      WebUrl: stack.outputs.WebUrl,
      UserPoolId: stack.outputs.UserPoolId,
      UserPoolClientId: stack.outputs.UserPoolClientId,
      Region: stack.outputs.Region,
      CognitoEndpoint: stack.outputs.CognitoEndpoint,
    });
  });

  it("quarantine uploads reach the file processor", async () => {
    const s3 = new S3Client({
      region: "us-east-1",
      endpoint: stack.outputs.S3Endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    const post = await createPresignedPost(s3, { Bucket: stack.outputs.QuarantineBucketName, Key: "ws1/file1", Expires: 60 });
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append("file", new Blob(["%PDF-1.7"]), "a.pdf");
    const response = await fetch(post.url, { method: "POST", body: form, headers: { Origin: stack.outputs.WebUrl } });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(stack.outputs.WebUrl);
    await s3.send(new PutObjectCommand({ Bucket: stack.outputs.VaultBucketName, Key: "ws1/file1", Body: "x" }));
    await stack.whenIdle();
    s3.destroy();

    const events = (await readFile(processedFile, "utf8")).trim().split("\n").map((line) => JSON.parse(line) as S3Event);
    expect(events).toHaveLength(1);
    expect(events[0]!.Records[0]!.s3.bucket.name).toBe(stack.outputs.QuarantineBucketName);
    expect(events[0]!.Records[0]!.s3.object.key).toBe("ws1/file1");
  });

  it("CLI creates a staff user", async () => {
    const email = "new.staff@firm.example";
    const password = "Cli-Created-Passw0rd!";
    const { stdout } = await run(
      process.execPath,
      ["bin/hubsecure.js", "users", "create", "--email", email, "--role", "staff", "--password", password],
      { cwd: repositoryRoot, env: { ...process.env, HUBSECURE_DATA_DIR: dataDir } },
    );
    expect(stdout).toContain(`Created staff user ${email}`);

    const cognito = new CognitoIdentityProviderClient({
      region: "us-east-1",
      endpoint: stack.outputs.CognitoEndpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const auth = await cognito.send(
      new InitiateAuthCommand({
        ClientId: stack.outputs.UserPoolClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    cognito.destroy();
    const accessToken = auth.AuthenticationResult!.AccessToken!;
    expect(decodeJwt(accessToken)["cognito:groups"]).toEqual(["staff"]);

    const me = await fetch(`${stack.outputs.ApiUrl}/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
  });

  it("CLI without a running stack", async () => {
    const stoppedDir = await mkdtemp(join(tmpdir(), "hubsecure-stopped-"));
    const outputs = { HubSecure: { ...stack.outputs, CognitoEndpoint: `http://127.0.0.1:${await findFreePort("127.0.0.1")}` } };
    await writeFile(join(stoppedDir, "outputs.json"), JSON.stringify(outputs));
    const result = await run(process.execPath, ["bin/hubsecure.js", "users", "create", "--email", "x@firm.example", "--role", "admin"], {
      cwd: repositoryRoot,
      env: { ...process.env, HUBSECURE_DATA_DIR: stoppedDir },
    }).catch((error: { code: number; stderr: string }) => error);
    await rm(stoppedDir, { recursive: true, force: true });
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toContain("The local stack is not running");
  });
});

describe("port in use", () => {
  it("stack names the port and its variable", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "hubsecure-busy-"));
    const blocker = await occupyPort();
    try {
      const failure = await startLocalStack({ dataDir, ports: { api: blocker.port }, functionsDir: FIXTURE_FUNCTIONS }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(PortInUseError);
      expect((failure as Error).message).toBe(
        `Port ${blocker.port} on 127.0.0.1 is already in use, so the API gateway cannot start; set HUBSECURE_API_PORT to a free port.`,
      );
      // Everything started before the failure was stopped, so the same data dir starts again.
      const stack = await startLocalStack({ dataDir, functionsDir: FIXTURE_FUNCTIONS });
      await stack.close();
    } finally {
      await closeServer(blocker.server);
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("npm start prints one line", async () => {
    const blocker = await occupyPort();
    const env: Record<string, string> = { ...(process.env as Record<string, string>), HUBSECURE_API_PORT: String(blocker.port) };
    for (const name of ["HUBSECURE_WEB_PORT", "HUBSECURE_S3_PORT", "HUBSECURE_DYNAMODB_PORT", "HUBSECURE_COGNITO_PORT"]) {
      env[name] = String(await findFreePort("127.0.0.1"));
    }
    env.HUBSECURE_DATA_DIR = join(tmpdir(), "hubsecure-never-created");
    const result = await run(process.execPath, ["--import", "tsx", "local/start.ts"], { cwd: repositoryRoot, env }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    await closeServer(blocker.server);
    expect((result as { code: number }).code).toBe(1);
    const stderr = (result as { stderr: string }).stderr.trim();
    expect(stderr).toBe(
      `Port ${blocker.port} on 127.0.0.1 is already in use, so the API gateway cannot start; set HUBSECURE_API_PORT to a free port.`,
    );
  });
});
