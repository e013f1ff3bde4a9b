import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { S3Event } from "aws-lambda";
import type { SweepResult } from "../shared/files/sweep-abandoned";
import { ROUTES } from "../shared/api/routes";
import { createLogger } from "../shared/logger";
import { startLocalCognito } from "./cognito/index";
import { ensureTable } from "./dynamodb/ensure-table";
import { startLocalDynamo } from "./dynamodb/index";
import { applyEnvironment, localEnvironment } from "./environment";
import {
  createHandlerLoader,
  createJwtAuthorizer,
  defaultCorsConfig,
  startApiGateway,
  startWebServer,
} from "./gateway/index";
import { createLambdaContext } from "./gateway/lambda-runtime";
import { writeOutputsFile, type LocalOutputs } from "./outputs";
import { PortInUseError, type PortOwner } from "./ports";
import { startLocalS3 } from "./s3/index";
import { seedDemo, type SeedResult } from "./seed";
import { startLocalUploadSweeper, type LocalSweepOptions } from "./upload-sweeper";

export interface LocalPorts {
  api: number;
  web: number;
  s3: number;
  dynamodb: number;
  cognito: number;
}

/** Environment variables that set each port for `npm start`, named in port-in-use messages. */
export const PORT_ENV_VARS: Record<keyof LocalPorts, string> = {
  api: "HUBSECURE_API_PORT",
  web: "HUBSECURE_WEB_PORT",
  s3: "HUBSECURE_S3_PORT",
  dynamodb: "HUBSECURE_DYNAMODB_PORT",
  cognito: "HUBSECURE_COGNITO_PORT",
};

/** Service on each port, as port-in-use messages name it. */
export const PORT_SERVICES: Record<keyof LocalPorts, string> = {
  api: "the API gateway",
  web: "the web server",
  s3: "local S3",
  dynamodb: "local DynamoDB",
  cognito: "local Cognito",
};

export interface LocalStackOptions {
  /** Root of all local data, such as `.local`; kept across restarts. */
  dataDir: string;
  /** Ports to listen on; each defaults to 0, a free port. */
  ports?: Partial<LocalPorts>;
  /** Seeds the demo on the first start (a marker file in `dataDir` records it). */
  seed?: boolean;
  /** Folder of the function modules; defaults to the repository's `functions/`. */
  functionsDir?: string;
  /** The built web app; defaults to `web/dist`. */
  webRoot?: string;
}

export interface LocalStack {
  outputs: LocalOutputs;
  /** The variables set on `process.env` for the handlers. */
  env: Record<string, string>;
  /** Path of the written `outputs.json`. */
  outputsFile: string;
  /** Outcome of the demo seed; undefined unless `seed` was set. */
  seed?: SeedResult | { status: "failed"; error: string };
  /** Resolves when the file processor has handled every storage event so far. */
  whenIdle(): Promise<void>;
  /** Runs the upload sweeper once, after any sweep in progress, and returns its result. */
  sweepNow(options?: LocalSweepOptions): Promise<SweepResult>;
  close(): Promise<void>;
}

export const LOCAL_REGION = "us-east-1";
export const LOCAL_TABLE_NAME = "hubsecure";
export const LOCAL_QUARANTINE_BUCKET = "hubsecure-quarantine";
export const LOCAL_VAULT_BUCKET = "hubsecure-vault";
const HOST = "127.0.0.1";
const FILE_PROCESSOR = "file-processor";
/**
 * How often local mode sweeps abandoned uploads. More often than the AWS
 * schedule because a local sweep is cheap.
 */
const UPLOAD_SWEEP_INTERVAL_MS = 60_000;

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));

function owner(port: keyof LocalPorts): PortOwner {
  return { service: PORT_SERVICES[port], envVar: PORT_ENV_VARS[port] };
}

/** dynalite's proxy reports a taken port as a bare EADDRINUSE error. */
async function startDynamo(port: number, dataDir: string) {
  try {
    return await startLocalDynamo({ host: HOST, port, dataDir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new PortInUseError(HOST, port, owner("dynamodb"));
    }
    throw error;
  }
}

/**
 * Starts every local stand-in, the web server and the API gateway, points
 * `process.env` at them for the handlers, wires quarantine-bucket events to
 * the file processor, sweeps abandoned uploads every minute and writes
 * `<dataDir>/outputs.json`. On failure it
 * stops whatever it had started.
 *
 * NOTE: it sets process-wide environment variables, so one process runs one
 * local stack at a time.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = createLogger({ service: "hubsecure-local" });
  const dataDir = resolve(options.dataDir);
  const ports: LocalPorts = { api: 0, web: 0, s3: 0, dynamodb: 0, cognito: 0, ...options.ports };
  const functionsDir = options.functionsDir ?? join(repositoryRoot, "functions");
  const outboxDir = join(dataDir, "outbox");
  await mkdir(outboxDir, { recursive: true });

  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        log.error("local service failed to stop", { error });
      }
    }
    closers.length = 0;
  };

  try {
    let webConfig: Record<string, string> | undefined;
    const web = await startWebServer({
      host: HOST,
      port: ports.web,
      owner: owner("web"),
      root: options.webRoot ?? join(repositoryRoot, "web", "dist"),
      config: () => webConfig,
    });
    closers.push(web.close);

    const dynamo = await startDynamo(ports.dynamodb, join(dataDir, "dynamodb"));
    closers.push(dynamo.close);
    await ensureTable(dynamo.endpoint, LOCAL_TABLE_NAME);

    const s3 = await startLocalS3({
      host: HOST,
      port: ports.s3,
      owner: owner("s3"),
      directory: join(dataDir, "s3"),
      buckets: [LOCAL_QUARANTINE_BUCKET, LOCAL_VAULT_BUCKET],
      corsOrigins: [web.url],
      region: LOCAL_REGION,
    });
    closers.push(s3.close);

    const cognito = await startLocalCognito({
      host: HOST,
      port: ports.cognito,
      owner: owner("cognito"),
      dataDir: join(dataDir, "cognito"),
      region: LOCAL_REGION,
    });
    closers.push(cognito.close);

    const loadHandler = createHandlerLoader(functionsDir);
    const gateway = await startApiGateway({
      host: HOST,
      port: ports.api,
      owner: owner("api"),
      routes: ROUTES,
      authorizer: createJwtAuthorizer({
        issuer: cognito.issuer,
        audience: [cognito.userPoolClientId],
        jwksUrl: cognito.jwksUrl,
      }),
      loadHandler,
      cors: defaultCorsConfig([web.url]),
    });
    closers.push(gateway.close);

    const outputs: LocalOutputs = {
      ApiUrl: gateway.url,
      WebUrl: web.url,
      UserPoolId: cognito.userPoolId,
      UserPoolClientId: cognito.userPoolClientId,
      Region: LOCAL_REGION,
      TableName: LOCAL_TABLE_NAME,
      QuarantineBucketName: LOCAL_QUARANTINE_BUCKET,
      VaultBucketName: LOCAL_VAULT_BUCKET,
      CognitoEndpoint: cognito.endpoint,
      OutboxDir: outboxDir,
      DynamoDbEndpoint: dynamo.endpoint,
      S3Endpoint: s3.endpoint,
    };
    const env = localEnvironment(outputs);
    applyEnvironment(env);

    // The quarantine bucket's notification in AWS invokes the processor; the
    // vault's objects are written by the processor itself and trigger nothing.
    s3.onObjectCreated(async (event: S3Event) => {
      const record = event.Records[0];
      if (record?.s3.bucket.name !== LOCAL_QUARANTINE_BUCKET) return;
      try {
        const handler = await loadHandler(FILE_PROCESSOR);
        await handler(event, createLambdaContext(FILE_PROCESSOR));
      } catch (error) {
        log.error("file processor failed", { bucket: record.s3.bucket.name, key: record.s3.object.key, error });
      }
    });

    // Calls the domain function directly rather than the handler, so a
    // custom `functionsDir` needs no sweeper entry.
    const sweeper = startLocalUploadSweeper({ intervalMs: UPLOAD_SWEEP_INTERVAL_MS, log });
    closers.push(sweeper.close);

    const outputsFile = join(dataDir, "outputs.json");
    await writeOutputsFile(outputsFile, outputs);
    webConfig = {
      ApiUrl: outputs.ApiUrl,
      WebUrl: outputs.WebUrl,
      UserPoolId: outputs.UserPoolId,
      UserPoolClientId: outputs.UserPoolClientId,
      Region: outputs.Region,
      CognitoEndpoint: outputs.CognitoEndpoint,
    };

    let seed: LocalStack["seed"];
    if (options.seed) {
      try {
        seed = await seedDemo({
          apiUrl: outputs.ApiUrl,
          cognitoEndpoint: outputs.CognitoEndpoint,
          region: outputs.Region,
          userPoolClientId: outputs.UserPoolClientId,
          markerFile: join(dataDir, "seeded.json"),
          log,
        });
      } catch (error) {
        // The portal still works without the demo; the next start tries again.
        log.warn("demo seed failed", { error });
        seed = { status: "failed", error: (error as Error).message };
      }
    }

    log.info("local stack started", { apiUrl: outputs.ApiUrl, webUrl: outputs.WebUrl, dataDir });
    return {
      outputs,
      env,
      outputsFile,
      seed,
      whenIdle: () => s3.whenIdle(),
      sweepNow: (sweepOptions) => sweeper.sweepNow(sweepOptions),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
