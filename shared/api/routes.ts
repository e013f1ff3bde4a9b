import { z } from "zod";
import * as s from "./schemas";

/**
 * The route table: the single source of truth for the HTTP API. The CDK
 * stack creates one API Gateway route per entry, the local gateway serves
 * the same entries, and `openapi.ts` documents them from the same schemas
 * that validate input.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The Lambda function that serves a route; routes are grouped by resource. */
export type FunctionGroup = "workspaces" | "requests" | "files" | "audit" | "openapi";

export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path template, such as `/workspaces/{workspaceId}`. */
  path: string;
  group: FunctionGroup;
  /** `none` routes skip the JWT authorizer. */
  auth: "user" | "none";
  summary: string;
  /** Roles allowed to call it, as shown in the documentation. */
  access: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Media type of the request body; JSON unless stated. */
  bodyContentType?: "application/json" | "text/csv";
  success: { status: 200 | 201 | 202; schema: z.ZodType; description: string };
}

const routes = [
  {
    operationId: "getOpenApi",
    method: "GET",
    path: "/openapi.json",
    group: "openapi",
    auth: "none",
    summary: "The OpenAPI 3.1 document of this API",
    access: "anyone",
    success: { status: 200, schema: z.record(z.string(), z.unknown()), description: "OpenAPI document" },
  },
  {
    operationId: "getMe",
    method: "GET",
    path: "/me",
    group: "workspaces",
    auth: "user",
    summary: "The signed-in user",
    access: "any user",
    success: { status: 200, schema: s.Me, description: "The caller" },
  },
  {
    operationId: "listWorkspaces",
    method: "GET",
    path: "/workspaces",
    group: "workspaces",
    auth: "user",
    summary: "Workspaces the caller is a member of (admins see all)",
    access: "any user",
    query: s.Pagination,
    success: { status: 200, schema: s.WorkspacePage, description: "A page of workspaces" },
  },
  {
    operationId: "createWorkspace",
    method: "POST",
    path: "/workspaces",
    group: "workspaces",
    auth: "user",
    summary: "Create a workspace for a client engagement",
    access: "staff and admins",
    body: s.CreateWorkspaceBody,
    success: { status: 201, schema: s.Workspace, description: "The new workspace" },
  },
  {
    operationId: "getWorkspace",
    method: "GET",
    path: "/workspaces/{workspaceId}",
    group: "workspaces",
    auth: "user",
    summary: "One workspace",
    access: "members",
    params: s.WorkspacePath,
    success: { status: 200, schema: s.Workspace, description: "The workspace" },
  },
  {
    operationId: "listMembers",
    method: "GET",
    path: "/workspaces/{workspaceId}/members",
    group: "workspaces",
    auth: "user",
    summary: "Members of a workspace",
    access: "members",
    params: s.WorkspacePath,
    query: s.Pagination,
    success: { status: 200, schema: s.MemberPage, description: "A page of members" },
  },
  {
    operationId: "addMember",
    method: "POST",
    path: "/workspaces/{workspaceId}/members",
    group: "workspaces",
    auth: "user",
    summary: "Add a member by e-mail, inviting the person if they have no account",
    access: "staff members",
    params: s.WorkspacePath,
    body: s.AddMemberBody,
    success: { status: 201, schema: s.Member, description: "The new member" },
  },
  {
    operationId: "removeMember",
    method: "DELETE",
    path: "/workspaces/{workspaceId}/members/{userId}",
    group: "workspaces",
    auth: "user",
    summary: "Remove a member; their access ends with their next request",
    access: "staff members",
    params: s.MemberPath,
    success: { status: 200, schema: s.Member, description: "The removed member" },
  },
  {
    operationId: "resendInvitation",
    method: "POST",
    path: "/workspaces/{workspaceId}/members/{userId}/invitation",
    group: "workspaces",
    auth: "user",
    summary: "Send a client member who never signed in a new invitation with a fresh temporary password",
    access: "staff members",
    params: s.MemberPath,
    success: { status: 200, schema: s.Member, description: "The member, with invited set" },
  },
  {
    operationId: "listRequests",
    method: "GET",
    path: "/workspaces/{workspaceId}/requests",
    group: "requests",
    auth: "user",
    summary: "Document requests of a workspace",
    access: "members",
    params: s.WorkspacePath,
    query: s.ListRequestsQuery,
    success: { status: 200, schema: s.DocumentRequestPage, description: "A page of requests" },
  },
  {
    operationId: "listWaitingRequests",
    method: "GET",
    path: "/me/requests",
    group: "requests",
    auth: "user",
    summary: "Open or returned requests assigned to the caller, across workspaces, soonest due first",
    access: "any user",
    query: s.Pagination,
    success: { status: 200, schema: s.DocumentRequestPage, description: "A page of requests" },
  },
  {
    operationId: "createRequest",
    method: "POST",
    path: "/workspaces/{workspaceId}/requests",
    group: "requests",
    auth: "user",
    summary: "Create a document request",
    access: "staff members",
    params: s.WorkspacePath,
    body: s.CreateRequestBody,
    success: { status: 201, schema: s.DocumentRequest, description: "The new request" },
  },
  {
    operationId: "importRequests",
    method: "POST",
    path: "/workspaces/{workspaceId}/requests/import",
    group: "requests",
    auth: "user",
    summary: "Import a request list from CSV: every row is created, or none",
    access: "staff members",
    params: s.WorkspacePath,
    bodyContentType: "text/csv",
    body: z.string().describe("CSV with the header title,description,category,assignee,due_date,sensitivity"),
    success: { status: 201, schema: s.ImportRequestsResult, description: "The created requests" },
  },
  {
    operationId: "getRequest",
    method: "GET",
    path: "/workspaces/{workspaceId}/requests/{requestId}",
    group: "requests",
    auth: "user",
    summary: "One document request",
    access: "members",
    params: s.RequestPath,
    success: { status: 200, schema: s.DocumentRequest, description: "The request" },
  },
  {
    operationId: "updateRequest",
    method: "PATCH",
    path: "/workspaces/{workspaceId}/requests/{requestId}",
    group: "requests",
    auth: "user",
    summary: "Change a request's title, description, category, assignee, due date or sensitivity",
    access: "staff members",
    params: s.RequestPath,
    body: s.UpdateRequestBody,
    success: { status: 200, schema: s.DocumentRequest, description: "The updated request" },
  },
  {
    operationId: "submitRequest",
    method: "POST",
    path: "/workspaces/{workspaceId}/requests/{requestId}/submit",
    group: "requests",
    auth: "user",
    summary: "Submit a request's files for review",
    access: "client members",
    params: s.RequestPath,
    body: s.SubmitRequestBody,
    success: { status: 200, schema: s.DocumentRequest, description: "The submitted request" },
  },
  {
    operationId: "reviewRequest",
    method: "POST",
    path: "/workspaces/{workspaceId}/requests/{requestId}/review",
    group: "requests",
    auth: "user",
    summary: "Accept a submitted request, or return it to the client with a reason",
    access: "staff members",
    params: s.RequestPath,
    body: s.ReviewRequestBody,
    success: { status: 200, schema: s.DocumentRequest, description: "The reviewed request" },
  },
  {
    operationId: "cancelRequest",
    method: "POST",
    path: "/workspaces/{workspaceId}/requests/{requestId}/cancel",
    group: "requests",
    auth: "user",
    summary: "Cancel a request that is no longer needed",
    access: "staff members",
    params: s.RequestPath,
    body: s.CancelRequestBody,
    success: { status: 200, schema: s.DocumentRequest, description: "The cancelled request" },
  },
  {
    operationId: "createUpload",
    method: "POST",
    path: "/workspaces/{workspaceId}/requests/{requestId}/uploads",
    group: "files",
    auth: "user",
    summary: "Start an upload: returns a presigned POST form for the file's bytes",
    access: "members",
    params: s.RequestPath,
    body: s.CreateUploadBody,
    success: { status: 201, schema: s.CreateUploadResult, description: "The upload form" },
  },
  {
    operationId: "completeUpload",
    method: "POST",
    path: "/workspaces/{workspaceId}/uploads/{uploadId}/complete",
    group: "files",
    auth: "user",
    summary: "Tell the service that the browser finished posting the file",
    access: "the uploader",
    params: s.UploadPath,
    success: { status: 202, schema: s.StoredFile, description: "The file, usually still processing" },
  },
  {
    operationId: "listFiles",
    method: "GET",
    path: "/workspaces/{workspaceId}/files",
    group: "files",
    auth: "user",
    summary: "Files of a workspace, optionally of one request",
    access: "members",
    params: s.WorkspacePath,
    query: s.ListFilesQuery,
    success: { status: 200, schema: s.StoredFilePage, description: "A page of files" },
  },
  {
    operationId: "getFile",
    method: "GET",
    path: "/workspaces/{workspaceId}/files/{fileId}",
    group: "files",
    auth: "user",
    summary: "One file's metadata and status",
    access: "members",
    params: s.FilePath,
    success: { status: 200, schema: s.StoredFile, description: "The file" },
  },
  {
    operationId: "getFileDownload",
    method: "GET",
    path: "/workspaces/{workspaceId}/files/{fileId}/download",
    group: "files",
    auth: "user",
    summary: "A short-lived download URL for an available file",
    access: "members",
    params: s.FilePath,
    success: { status: 200, schema: s.Download, description: "The download URL" },
  },
  {
    operationId: "listAuditEvents",
    method: "GET",
    path: "/workspaces/{workspaceId}/audit",
    group: "audit",
    auth: "user",
    summary: "The workspace's audit history, newest first",
    access: "staff members",
    params: s.WorkspacePath,
    query: s.Pagination,
    success: { status: 200, schema: s.AuditEventPage, description: "A page of audit events" },
  },
] as const satisfies readonly RouteDefinition[];

export const ROUTES: readonly RouteDefinition[] = routes;

export type OperationId = (typeof routes)[number]["operationId"];

export const FUNCTION_GROUPS: readonly FunctionGroup[] = ["workspaces", "requests", "files", "audit", "openapi"];

/** Builds the API Gateway route key, such as `GET /workspaces/{workspaceId}`. */
export function routeKey(route: Pick<RouteDefinition, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}

export function routesOf(group: FunctionGroup): RouteDefinition[] {
  return ROUTES.filter((route) => route.group === group);
}
