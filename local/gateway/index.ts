export { startApiGateway, type ApiGateway, type ApiGatewayOptions } from "./api-server";
export { defaultCorsConfig, type CorsConfig } from "./cors";
export { createJwtAuthorizer, type Authorizer, type AuthorizationResult, type JwtAuthorizerConfig } from "./jwt-authorizer";
export { createHandlerLoader, type HandlerLoader, type LambdaHandler } from "./lambda-runtime";
export { startWebServer, type WebServer, type WebServerOptions } from "./web-server";
