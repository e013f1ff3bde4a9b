import { z } from "zod";
import { ErrorBody } from "./schemas";
import { ROUTES, type RouteDefinition } from "./routes";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const result = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  delete result.$schema;
  return result;
}

function parameters(route: RouteDefinition): JsonSchema[] {
  const list: JsonSchema[] = [];
  const add = (schema: z.ZodType | undefined, location: "path" | "query") => {
    if (!schema) return;
    const described = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(described.properties ?? {})) {
      list.push({
        name,
        in: location,
        required: location === "path" || (described.required ?? []).includes(name),
        schema: property,
      });
    }
  };
  add(route.params, "path");
  add(route.query, "query");
  return list;
}

const ERROR_RESPONSES: Record<string, string> = {
  "400": "Invalid input; the message names the field",
  "401": "Missing or invalid access token",
  "403": "A member without the permission",
  "404": "Unknown, or not visible to the caller",
  "409": "Version or state conflict",
};

function operation(route: RouteDefinition): JsonSchema {
  const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
  const responses: JsonSchema = {
    [String(route.success.status)]: {
      description: route.success.description,
      content: { "application/json": { schema: jsonSchema(route.success.schema, "output") } },
    },
  };
  for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
    if (route.auth === "none" && status !== "400") continue;
    responses[status] = { description, content: errorContent };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `Who may call it: ${route.access}.`,
    ...(route.auth === "user" ? { security: [{ cognito: [] }] } : { security: [] }),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { [route.bodyContentType ?? "application/json"]: { schema: jsonSchema(route.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

/** Builds the OpenAPI 3.1 document from the route table and its schemas. */
export function buildOpenApiDocument(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "HubSecure API",
      version: "1.0.0",
      description: "Secure document requests, files and audit history for client workspaces.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: {
        cognito: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Cognito access token" },
      },
      schemas: { Error: jsonSchema(ErrorBody, "output") },
    },
  };
}
