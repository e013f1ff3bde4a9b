import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { UnauthorizedError } from "../errors";

/** The authenticated user behind a request, from the verified access token. */
export interface Caller {
  /** Cognito `sub`, the stable user id. */
  userId: string;
  /** Cognito user name, which Admin* calls accept; equals `sub` when e-mail is the sign-in alias. */
  username: string;
  /** Cognito groups: `admin` and `staff` mark firm staff. */
  groups: string[];
}

export function isFirmStaff(caller: Caller): boolean {
  return caller.groups.includes("staff") || caller.groups.includes("admin");
}

export function isAdmin(caller: Caller): boolean {
  return caller.groups.includes("admin");
}

/**
 * Parses the `cognito:groups` claim. API Gateway's JWT authorizer flattens
 * array claims into a string such as `[admin staff]`; a raw token has an array.
 */
export function parseGroupsClaim(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== "string" || claim.trim() === "") return [];
  return claim
    .replace(/^\[/, "")
    .replace(/\]$/, "")
    .split(/[\s,]+/)
    .filter((group) => group.length > 0);
}

export function callerFromEvent(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== "string" || sub === "") {
    throw new UnauthorizedError();
  }
  // API Gateway's JWT authorizer also passes Cognito ID tokens whose audience
  // is the app client; only access tokens carry the caller's groups reliably.
  if (claims?.token_use !== "access") {
    throw new UnauthorizedError("Send the Cognito access token, not the ID token");
  }
  const username = typeof claims?.username === "string" && claims.username !== "" ? claims.username : sub;
  return { userId: sub, username, groups: parseGroupsClaim(claims?.["cognito:groups"]) };
}
