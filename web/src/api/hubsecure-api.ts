import type { z } from "zod";
import type {
  AddMemberBody,
  AuditEventDto,
  CreateRequestBody,
  UpdateRequestBody,
  CreateUploadBody,
  CreateUploadResult,
  CreateWorkspaceBody,
  DocumentRequestDto,
  Download,
  ImportRequestsResult,
  MeDto,
  MemberDto,
  RequestStatus,
  StoredFileDto,
  WorkspaceDto,
} from "../../../shared/api/schemas";
import type { ApiClient } from "./client";

export type {
  AuditEventDto,
  DocumentRequestDto,
  MeDto,
  MemberDto,
  StoredFileDto,
  WorkspaceDto,
};
export type RequestStatusValue = z.infer<typeof RequestStatus>;
export type CreateUploadResultDto = z.infer<typeof CreateUploadResult>;
export type DownloadDto = z.infer<typeof Download>;
export type ImportRequestsResultDto = z.infer<typeof ImportRequestsResult>;
export type CreateWorkspaceInput = z.input<typeof CreateWorkspaceBody>;
export type AddMemberInput = z.input<typeof AddMemberBody>;
export type CreateRequestInput = z.input<typeof CreateRequestBody>;
export type UpdateRequestInput = z.input<typeof UpdateRequestBody>;
export type CreateUploadInput = z.input<typeof CreateUploadBody>;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Upper bound on pages fetched by `listAll`, so a server bug cannot loop forever. */
const MAX_PAGES = 50;

/** Follows `nextToken` until the list is complete. */
export async function listAll<T>(fetchPage: (nextToken?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(nextToken);
    items.push(...result.items);
    nextToken = result.nextToken;
    if (!nextToken) break;
  }
  return items;
}

const segment = encodeURIComponent;

/** The HubSecure API, one method per operationId of the route table. */
export function createHubSecureApi(client: ApiClient) {
  const workspacePath = (workspaceId: string) => `/workspaces/${segment(workspaceId)}`;
  const requestPath = (workspaceId: string, requestId: string) =>
    `${workspacePath(workspaceId)}/requests/${segment(requestId)}`;
  const filePath = (workspaceId: string, fileId: string) => `${workspacePath(workspaceId)}/files/${segment(fileId)}`;

  return {
    getMe: () => client.get<MeDto>("/me"),

    listWorkspaces: (nextToken?: string) => client.get<Page<WorkspaceDto>>("/workspaces", { limit: 100, nextToken }),
    createWorkspace: (body: CreateWorkspaceInput) => client.post<WorkspaceDto>("/workspaces", body),
    getWorkspace: (workspaceId: string) => client.get<WorkspaceDto>(workspacePath(workspaceId)),

    listMembers: (workspaceId: string, nextToken?: string) =>
      client.get<Page<MemberDto>>(`${workspacePath(workspaceId)}/members`, { limit: 100, nextToken }),
    addMember: (workspaceId: string, body: AddMemberInput) =>
      client.post<MemberDto>(`${workspacePath(workspaceId)}/members`, body),
    resendInvitation: (workspaceId: string, userId: string) =>
      client.post<MemberDto>(`${workspacePath(workspaceId)}/members/${segment(userId)}/invitation`, {}),
    removeMember: (workspaceId: string, userId: string) =>
      client.request<MemberDto>("DELETE", `${workspacePath(workspaceId)}/members/${segment(userId)}`),

    listRequests: (workspaceId: string, options: { status?: RequestStatusValue; nextToken?: string } = {}) =>
      client.get<Page<DocumentRequestDto>>(`${workspacePath(workspaceId)}/requests`, {
        limit: 100,
        status: options.status,
        nextToken: options.nextToken,
      }),
    listWaitingRequests: (nextToken?: string) =>
      client.get<Page<DocumentRequestDto>>("/me/requests", { limit: 100, nextToken }),
    createRequest: (workspaceId: string, body: CreateRequestInput) =>
      client.post<DocumentRequestDto>(`${workspacePath(workspaceId)}/requests`, body),
    importRequests: (workspaceId: string, csv: string) =>
      client.request<ImportRequestsResultDto>("POST", `${workspacePath(workspaceId)}/requests/import`, {
        text: csv,
        contentType: "text/csv",
      }),
    getRequest: (workspaceId: string, requestId: string) =>
      client.get<DocumentRequestDto>(requestPath(workspaceId, requestId)),
    updateRequest: (workspaceId: string, requestId: string, body: UpdateRequestInput) =>
      client.request<DocumentRequestDto>("PATCH", requestPath(workspaceId, requestId), { json: body }),
    submitRequest: (workspaceId: string, requestId: string, version?: number) =>
      client.post<DocumentRequestDto>(`${requestPath(workspaceId, requestId)}/submit`, version ? { version } : {}),
    reviewRequest: (
      workspaceId: string,
      requestId: string,
      body: { decision: "accept" | "return"; reason?: string; version?: number },
    ) => client.post<DocumentRequestDto>(`${requestPath(workspaceId, requestId)}/review`, body),

    createUpload: (workspaceId: string, requestId: string, body: CreateUploadInput) =>
      client.post<CreateUploadResultDto>(`${requestPath(workspaceId, requestId)}/uploads`, body),
    completeUpload: (workspaceId: string, uploadId: string) =>
      client.post<StoredFileDto>(`${workspacePath(workspaceId)}/uploads/${segment(uploadId)}/complete`),

    listFiles: (workspaceId: string, options: { requestId?: string; nextToken?: string } = {}) =>
      client.get<Page<StoredFileDto>>(`${workspacePath(workspaceId)}/files`, {
        limit: 100,
        requestId: options.requestId,
        nextToken: options.nextToken,
      }),
    getFile: (workspaceId: string, fileId: string) => client.get<StoredFileDto>(filePath(workspaceId, fileId)),
    getFileDownload: (workspaceId: string, fileId: string) =>
      client.get<DownloadDto>(`${filePath(workspaceId, fileId)}/download`),

    listAuditEvents: (workspaceId: string, nextToken?: string) =>
      client.get<Page<AuditEventDto>>(`${workspacePath(workspaceId)}/audit`, { limit: 50, nextToken }),
  };
}

export type HubSecureApi = ReturnType<typeof createHubSecureApi>;
