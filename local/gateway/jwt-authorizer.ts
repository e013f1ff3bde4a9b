import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";

export interface JwtAuthorizerConfig {
  /** Expected `iss`, such as `http://127.0.0.1:9229/local_abc123`. */
  issuer: string;
  /** Accepted `aud` (ID tokens) or `client_id` (access tokens) values. */
  audience: string[];
  jwksUrl: string;
}

export type AuthorizationResult =
  | { authorized: true; claims: JWTPayload; token: string }
  | { authorized: false; reason: string };

export type Authorizer = (authorizationHeader: string | undefined) => Promise<AuthorizationResult>;

/** API Gateway's JWT authorizers accept only RSA signatures. */
const RSA_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "iss") {
    return "the token does not have a valid issuer";
  }
  if (error instanceof errors.JWTClaimValidationFailed) return `the token has an invalid ${error.claim} claim`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token signature is invalid";
  if (error instanceof errors.JWKSNoMatchingKey) return "the token's kid matches no key of the issuer";
  return "the token is invalid";
}

function audienceMatches(claims: JWTPayload, audience: string[]): boolean {
  // API Gateway checks `aud` when the token has one, else `client_id`.
  if (claims.aud !== undefined) {
    const values = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    return values.some((value) => audience.includes(value));
  }
  return typeof claims.client_id === "string" && audience.includes(claims.client_id);
}

/**
 * Verifies bearer tokens as API Gateway's JWT authorizer does: signature
 * against the issuer's JWKS, `iss`, `aud` or `client_id`, `exp`, `nbf` and
 * `iat`. It is stricter in one point: only access tokens
 * (`token_use: "access"`) pass, whereas API Gateway also accepts an ID token
 * whose `aud` is the app client.
 */
export function createJwtAuthorizer(config: JwtAuthorizerConfig): Authorizer {
  const keySet = createRemoteJWKSet(new URL(config.jwksUrl));

  return async (authorizationHeader) => {
    const token = authorizationHeader?.replace(/^Bearer\s+/i, "").trim();
    if (!token) return { authorized: false, reason: "the token is missing" };

    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keySet, {
        issuer: config.issuer,
        algorithms: RSA_ALGORITHMS,
        requiredClaims: ["exp"],
      }));
    } catch (error) {
      return { authorized: false, reason: reasonFor(error) };
    }

    if (!audienceMatches(claims, config.audience)) {
      return { authorized: false, reason: "the token does not have a valid audience" };
    }
    if (typeof claims.iat === "number" && claims.iat > Math.floor(Date.now() / 1000)) {
      return { authorized: false, reason: "the token was issued in the future" };
    }
    if (claims.token_use !== "access") {
      return { authorized: false, reason: "the token is not an access token" };
    }
    return { authorized: true, claims, token };
  };
}
