import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolsCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalCognito, type LocalCognito } from "../../local/cognito/index";

function clientFor(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

describe("local Cognito", () => {
  let dataDir: string;
  let cognito: LocalCognito | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hubsecure-cognito-"));
  });

  afterAll(async () => {
    await cognito?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("bootstrap is idempotent across restarts", async () => {
    const first = await startLocalCognito({ host: "127.0.0.1", port: 0, dataDir });
    const firstIds = { userPoolId: first.userPoolId, userPoolClientId: first.userPoolClientId };
    await first.close();

    cognito = await startLocalCognito({ host: "127.0.0.1", port: 0, dataDir });
    expect({ userPoolId: cognito.userPoolId, userPoolClientId: cognito.userPoolClientId }).toEqual(firstIds);

    const stored = JSON.parse(await readFile(join(dataDir, "user-pool.json"), "utf8"));
    expect(stored).toEqual(firstIds);

    const client = clientFor(cognito.endpoint);
    const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(pools.UserPools).toHaveLength(1);
    const groups = await client.send(new ListGroupsCommand({ UserPoolId: cognito.userPoolId }));
    expect((groups.Groups ?? []).map((group) => group.GroupName).sort()).toEqual(["admin", "staff"]);
    client.destroy();
  });

  it("temporary password then new password", async () => {
    const client = clientFor(cognito!.endpoint);
    const { userPoolId, userPoolClientId } = cognito!;
    const email = "new.user@example.com";
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        TemporaryPassword: "Temporary-Passw0rd!",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: email },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    const first = await client.send(
      new InitiateAuthCommand({
        ClientId: userPoolClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD: "Temporary-Passw0rd!" },
      }),
    );
    expect(first.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    const answered = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: userPoolClientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: first.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: "Chosen-Passw0rd!" },
      }),
    );
    expect(answered.AuthenticationResult?.AccessToken).toBeTypeOf("string");
    client.destroy();
  });

  it("access token claims with groups", async () => {
    const client = clientFor(cognito!.endpoint);
    const { userPoolId, userPoolClientId } = cognito!;
    const email = "staff.member@example.com";
    const created = await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        TemporaryPassword: "Temporary-Passw0rd!",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
    await client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: "Permanent-Passw0rd!", Permanent: true }),
    );
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: "staff" }));

    const auth = await client.send(
      new InitiateAuthCommand({
        ClientId: userPoolClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD: "Permanent-Passw0rd!" },
      }),
    );
    expect(auth.ChallengeName).toBeUndefined();
    const claims = decodeJwt(auth.AuthenticationResult!.AccessToken!);
    const sub = created.User?.Attributes?.find((attribute) => attribute.Name === "sub")?.Value;
    expect(claims.sub).toBe(sub);
    expect(claims.username).toBe(sub);
    expect(claims.client_id).toBe(userPoolClientId);
    expect(claims.token_use).toBe("access");
    expect(claims.iss).toBe(cognito!.issuer);
    expect(claims["cognito:groups"]).toEqual(["staff"]);
    expect(claims.email).toBeUndefined();
    expect(claims.exp! - claims.iat!).toBe(15 * 60);

    const jwks = await fetch(cognito!.jwksUrl);
    expect(jwks.status).toBe(200);
    expect(((await jwks.json()) as { keys: unknown[] }).keys).toHaveLength(1);
    client.destroy();
  });
});
