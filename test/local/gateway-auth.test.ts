import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createRequire } from "node:module";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeJwt, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../shared/api/routes";
import { startLocalCognito, type LocalCognito } from "../../local/cognito/index";
import {
  createHandlerLoader,
  createJwtAuthorizer,
  defaultCorsConfig,
  startApiGateway,
  type ApiGateway,
} from "../../local/gateway/index";

const FIXTURE_FUNCTIONS = fileURLToPath(new URL("./fixtures/functions", import.meta.url));
const EMAIL = "auditor@example.com";
const PASSWORD = "Gateway-Test-Passw0rd!";

/** Imports the RSA key that cognito-local 5.3 signs every token with. */
async function cognitoLocalSigningKey() {
  const require = createRequire(import.meta.url);
  const { jwk } = require("cognito-local/lib/keys/cognitoLocal.private.json") as { jwk: JWK };
  return importJWK(jwk, "RS256");
}

async function signIn(cognito: CognitoIdentityProviderClient, clientId: string) {
  const result = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: EMAIL, PASSWORD },
    }),
  );
  return result.AuthenticationResult!;
}

describe("gateway JWT authorizer", () => {
  let dataDir: string;
  let localCognito: LocalCognito;
  let cognito: CognitoIdentityProviderClient;
  let gateway: ApiGateway;
  let accessToken: string;
  let idToken: string;
  let otherClientAccessToken: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hubsecure-gateway-auth-"));
    localCognito = await startLocalCognito({ host: "127.0.0.1", port: 0, dataDir });
    cognito = new CognitoIdentityProviderClient({
      region: "us-east-1",
      endpoint: localCognito.endpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const { userPoolId, userPoolClientId } = localCognito;
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: EMAIL,
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: EMAIL }],
      }),
    );
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: EMAIL, Password: PASSWORD, Permanent: true }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: EMAIL, GroupName: "admin" }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: EMAIL, GroupName: "staff" }));
    const otherClient = await cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: "other", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] }),
    );

    const tokens = await signIn(cognito, userPoolClientId);
    accessToken = tokens.AccessToken!;
    idToken = tokens.IdToken!;
    otherClientAccessToken = (await signIn(cognito, otherClient.UserPoolClient!.ClientId!)).AccessToken!;

    gateway = await startApiGateway({
      host: "127.0.0.1",
      port: 0,
      routes: ROUTES,
      authorizer: createJwtAuthorizer({
        issuer: localCognito.issuer,
        audience: [userPoolClientId],
        jwksUrl: localCognito.jwksUrl,
      }),
      loadHandler: createHandlerLoader(FIXTURE_FUNCTIONS),
      cors: defaultCorsConfig(["http://127.0.0.1:4001"]),
    });
  });

  afterAll(async () => {
    await gateway?.close();
    cognito?.destroy();
    await localCognito?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const getWorkspace = (authorization?: string) =>
    fetch(`${gateway.url}/workspaces/ws-1?limit=5&tag=a&tag=b`, {
      headers: authorization ? { Authorization: authorization, "X-Custom-Header": "Value" } : {},
    });

  async function expectUnauthorized(authorization: string | undefined, reason: string) {
    const response = await getWorkspace(authorization);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Unauthorized" });
    expect(response.headers.get("www-authenticate")).toContain(reason);
  }

  /** Signs a token with the given key and header, by default copying the real access token's claims. */
  async function forge(key: CryptoKey | Uint8Array | Awaited<ReturnType<typeof importJWK>>, claims: JWTPayload) {
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "CognitoLocal" }).sign(key);
  }

  it("no token", async () => {
    await expectUnauthorized(undefined, "the token is missing");
  });

  it("malformed token", async () => {
    await expectUnauthorized("Bearer not-a-jwt", "the token is invalid");
  });

  it("bad signature", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    await expectUnauthorized(`Bearer ${await forge(privateKey, decodeJwt(accessToken))}`, "the token signature is invalid");
  });

  it("wrong client id", async () => {
    await expectUnauthorized(`Bearer ${otherClientAccessToken}`, "the token does not have a valid audience");
  });

  it("id token instead of access token", async () => {
    await expectUnauthorized(`Bearer ${idToken}`, "the token is not an access token");
  });

  it("expired token", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { ...decodeJwt(accessToken), iat: now - 7200, exp: now - 3600 };
    await expectUnauthorized(`Bearer ${await forge(await cognitoLocalSigningKey(), claims)}`, "the token has expired");
  });

  it("wrong issuer", async () => {
    const claims = { ...decodeJwt(accessToken), iss: "http://127.0.0.1:1/local_other" };
    await expectUnauthorized(`Bearer ${await forge(await cognitoLocalSigningKey(), claims)}`, "the token does not have a valid issuer");
  });

  it("valid access token reaches the function", async () => {
    const response = await getWorkspace(`Bearer ${accessToken}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-function")).toBe("workspaces");
    expect(response.headers.get("set-cookie")).toBe("session=abc; Path=/");
    const { event, functionName } = (await response.json()) as { event: any; functionName: string };
    const token = decodeJwt(accessToken);

    expect(functionName).toBe("hubsecure-workspaces");
    expect(event.version).toBe("2.0");
    expect(event.routeKey).toBe("GET /workspaces/{workspaceId}");
    expect(event.rawPath).toBe("/workspaces/ws-1");
    expect(event.rawQueryString).toBe("limit=5&tag=a&tag=b");
    expect(event.queryStringParameters).toEqual({ limit: "5", tag: "a,b" });
    expect(event.pathParameters).toEqual({ workspaceId: "ws-1" });
    expect(event.headers["x-custom-header"]).toBe("Value");
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBeUndefined();
    expect(event.requestContext.routeKey).toBe("GET /workspaces/{workspaceId}");
    expect(event.requestContext.stage).toBe("$default");
    expect(event.requestContext.http.method).toBe("GET");
    expect(event.requestContext.requestId).toBe(response.headers.get("apigw-requestid"));

    const claims = event.requestContext.authorizer.jwt.claims;
    expect(claims.sub).toBe(token.sub);
    expect(claims.username).toBe(token.username);
    expect(claims.client_id).toBe(localCognito.userPoolClientId);
    expect(claims.token_use).toBe("access");
    expect(claims["cognito:groups"]).toMatch(/^\[(admin staff|staff admin)\]$/);
    expect(claims.exp).toBe(String(token.exp));
    expect(event.requestContext.authorizer.jwt.scopes).toEqual(["aws.cognito.signin.user.admin"]);
  });

  it("token without Bearer prefix", async () => {
    const response = await getWorkspace(accessToken);
    expect(response.status).toBe(200);
  });

  it("request ids are unique", async () => {
    const first = await getWorkspace(`Bearer ${accessToken}`);
    const second = await getWorkspace(`Bearer ${accessToken}`);
    expect(first.headers.get("apigw-requestid")).not.toBe(second.headers.get("apigw-requestid"));
  });
});
