import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalStack, type LocalStack } from "../../local/stack";
import { provisionUser } from "../../shared/users/provision";
import { ApiClient, signIn, type CognitoTarget } from "./api-client";
import { latestMessageTo, temporaryPasswordIn } from "./outbox";

export const STAFF_PASSWORD = "Staff-Password-2026!";
export const CLIENT_PASSWORD = "Client-Password-2026!";

export interface TestPortal {
  apiUrl: string;
  /** Address of the web app, served from `web/dist` or the `webRoot` option. */
  webUrl: string;
  outboxDir: string;
  cognito: CognitoTarget;
  /** A client with no token, for unauthenticated calls. */
  anonymous: ApiClient;
  signInAs(email: string, password?: string): Promise<ApiClient>;
  createStaff(email: string, role?: "staff" | "admin"): Promise<ApiClient>;
  /** Adds a client contact through the API and completes their first sign-in. */
  inviteClient(staff: ApiClient, workspaceId: string, email: string): Promise<ApiClient>;
  /** Resolves when the file processor has handled every storage event so far. */
  whenIdle(): Promise<void>;
  /** Runs the upload sweeper once; pass `now` to judge form expiry at a later time. */
  sweepNow: LocalStack["sweepNow"];
  close(): Promise<void>;
}

export interface TestPortalOptions {
  /** Folder of a built web app to serve instead of `web/dist`. */
  webRoot?: string;
}

/**
 * Starts the whole local portal (DynamoDB, S3, Cognito, gateway, web server)
 * on free ports in a temporary folder, without the demo seed.
 */
export async function startTestPortal(options: TestPortalOptions = {}): Promise<TestPortal> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "hubsecure-test-"));
  const stack = await startLocalStack({
    dataDir,
    seed: false,
    ports: { api: 0, web: 0, dynamodb: 0, s3: 0, cognito: 0 },
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  });
  const outputs = stack.outputs;
  const cognito: CognitoTarget = {
    endpoint: outputs.CognitoEndpoint!,
    clientId: outputs.UserPoolClientId,
    region: outputs.Region,
  };
  const signInAs = async (email: string, password = STAFF_PASSWORD) =>
    new ApiClient(outputs.ApiUrl, await signIn(cognito, email, password));

  return {
    apiUrl: outputs.ApiUrl,
    webUrl: outputs.WebUrl,
    outboxDir: outputs.OutboxDir!,
    cognito,
    anonymous: new ApiClient(outputs.ApiUrl),
    signInAs,
    async createStaff(email, role = "staff") {
      await provisionUser({
        email,
        kind: "staff",
        groups: role === "admin" ? ["admin", "staff"] : ["staff"],
        permanentPassword: STAFF_PASSWORD,
      });
      return signInAs(email);
    },
    async inviteClient(staff, workspaceId, email) {
      const added = await staff.post(`/workspaces/${workspaceId}/members`, { email, role: "client" });
      if (added.status !== 201) throw new Error(`addMember ${email}: ${added.status} ${JSON.stringify(added.body)}`);
      const message = await latestMessageTo(outputs.OutboxDir!, email);
      const token = await signIn(cognito, email, temporaryPasswordIn(message.body), CLIENT_PASSWORD);
      return new ApiClient(outputs.ApiUrl, token);
    },
    whenIdle: () => stack.whenIdle(),
    sweepNow: (options) => stack.sweepNow(options),
    async close() {
      await stack.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
