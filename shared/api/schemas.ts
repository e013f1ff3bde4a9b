import { z } from "zod";

/**
 * Request and response schemas. The same objects validate input in the
 * handlers and generate the OpenAPI document, so the two cannot drift.
 */

const id = (fieldName: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, `${fieldName} must be 1-64 letters, digits, '-' or '_'`);

/**
 * Bidirectional-override and isolate characters, which can make a name
 * display in a different order than it is stored (`invoice\u202Efdp.exe`
 * shows as `invoiceexe.pdf`).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Trimmed text on one line, with no control or bidi-override characters. */
const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !CONTROL_CHARACTERS.test(value), "must be one line without control characters")
    .refine((value) => !BIDI_CONTROLS.test(value), "must not contain text-direction override characters");

/** Trimmed text that may span lines, with no other control or bidi-override characters. */
const multiLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !CONTROL_CHARACTERS_BUT_LINE_BREAKS.test(value), "must not contain control characters")
    .refine((value) => !BIDI_CONTROLS.test(value), "must not contain text-direction override characters");

export const WorkspaceId = id("workspaceId");
export const RequestId = id("requestId");
export const FileId = id("fileId");
export const UploadId = id("uploadId");

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .email("must be an e-mail address such as name@example.com");

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date in the form YYYY-MM-DD")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "is not a calendar date");

export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "must be the file's SHA-256 as 64 hex digits")
  .transform((value) => value.toLowerCase());

export const WorkspaceRole = z.enum(["staff", "client"]);
export const RequestStatus = z.enum(["open", "submitted", "accepted", "returned", "cancelled"]);
export const Sensitivity = z.enum(["internal", "confidential", "restricted"]);
export const FileStatus = z.enum(["processing", "available", "rejected"]);

export const UserRef = z.object({
  userId: z.string(),
  email: z.string(),
});

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  nextToken: z.string().max(2048).optional(),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextToken: z.string().optional() });

// --- Users ---------------------------------------------------------------

export const Me = z.object({
  userId: z.string(),
  email: z.string(),
  groups: z.array(z.string()),
  isStaff: z.boolean(),
  isAdmin: z.boolean(),
});

// --- Workspaces ----------------------------------------------------------

export const CreateWorkspaceBody = z.strictObject({
  name: singleLine(200).pipe(z.string().min(1, "is required")),
  clientName: singleLine(200).pipe(z.string().min(1, "is required")),
});

export const Workspace = z.object({
  workspaceId: z.string(),
  name: z.string(),
  clientName: z.string(),
  createdAt: z.string(),
  createdBy: UserRef,
  /** The caller's role in this workspace. */
  role: WorkspaceRole,
  version: z.number().int(),
});
export const WorkspacePage = page(Workspace);

export const AddMemberBody = z.strictObject({
  email: Email,
  role: WorkspaceRole,
});

export const Member = z.object({
  userId: z.string(),
  email: z.string(),
  role: WorkspaceRole,
  addedAt: z.string(),
  addedBy: UserRef,
  /** True when this call created the user and sent an invitation. */
  invited: z.boolean().optional(),
});
export const MemberPage = page(Member);

// --- Requests ------------------------------------------------------------

export const CreateRequestBody = z.strictObject({
  title: singleLine(300).pipe(z.string().min(1, "is required")),
  description: multiLine(4000).optional(),
  category: singleLine(100).optional(),
  /** E-mail address of a workspace member. */
  assignee: Email.optional(),
  dueDate: IsoDate.optional(),
  sensitivity: Sensitivity.optional(),
});

export const DocumentRequest = z.object({
  requestId: z.string(),
  workspaceId: z.string(),
  title: z.string(),
  description: z.string().optional(),
  category: z.string().optional(),
  assignee: UserRef.optional(),
  dueDate: z.string().optional(),
  sensitivity: Sensitivity,
  status: RequestStatus,
  returnReason: z.string().optional(),
  availableFileCount: z.number().int(),
  /** Files that became available since staff last returned the request. */
  filesSinceReturn: z.number().int().optional(),
  createdAt: z.string(),
  createdBy: UserRef,
  updatedAt: z.string(),
  submittedAt: z.string().optional(),
  reviewedAt: z.string().optional(),
  reviewedBy: UserRef.optional(),
  version: z.number().int(),
});
export const DocumentRequestPage = page(DocumentRequest);

export const ListRequestsQuery = Pagination.extend({
  status: RequestStatus.optional(),
});

export const CsvRowIssue = z.object({
  row: z.number().int(),
  field: z.string(),
  message: z.string(),
});

export const ImportRequestsResult = z.object({
  created: z.number().int(),
  items: z.array(DocumentRequest),
  /** Rows read with a correction, such as an unquoted comma joined back. */
  warnings: z.array(CsvRowIssue),
});

/** Optional optimistic-locking guard: the version the caller last saw. */
export const ExpectedVersion = z.number().int().min(1).optional();

export const SubmitRequestBody = z.strictObject({
  version: ExpectedVersion,
});

/**
 * Changes to a request's fields; `null` clears an optional one. At least one
 * field must be present besides `version`.
 */
export const UpdateRequestBody = z
  .strictObject({
    title: singleLine(300).pipe(z.string().min(1, "must not be empty")).optional(),
    description: multiLine(4000).nullable().optional(),
    category: singleLine(100).nullable().optional(),
    assignee: Email.nullable().optional(),
    dueDate: IsoDate.nullable().optional(),
    sensitivity: Sensitivity.optional(),
    version: ExpectedVersion,
  })
  .refine((body) => Object.keys(body).some((key) => key !== "version"), {
    message: "must change at least one of title, description, category, assignee, dueDate or sensitivity",
  });

export const CancelRequestBody = z.strictObject({
  version: ExpectedVersion,
});

export const ReviewRequestBody = z
  .strictObject({
    decision: z.enum(["accept", "return"]),
    reason: multiLine(2000).optional(),
    version: ExpectedVersion,
  })
  .superRefine((body, ctx) => {
    if (body.decision === "return" && !body.reason) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "is required when decision is \"return\": tell the client what to fix",
      });
    }
  });

// --- Files ---------------------------------------------------------------

export const CreateUploadBody = z.strictObject({
  fileName: z
    .string()
    .min(1, "is required")
    .max(255)
    .refine((name) => !/[\u0000-\u001f\u007f/\\]/.test(name), "must not contain control characters or slashes")
    .refine((name) => !BIDI_CONTROLS.test(name), "must not contain text-direction override characters"),
  contentType: z.string().trim().min(3).max(255).regex(/^[\w.+-]+\/[\w.+-]+$/, "must be a MIME type such as application/pdf"),
  size: z.number().int().min(1, "must be at least 1 byte"),
  sha256: Sha256Hex,
});

export const CreateUploadResult = z.object({
  uploadId: z.string(),
  fileId: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});

export const StoredFile = z.object({
  fileId: z.string(),
  workspaceId: z.string(),
  requestId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  /** Type sniffed from the bytes, once processed. */
  detectedType: z.string().optional(),
  size: z.number().int(),
  sha256: z.string(),
  status: FileStatus,
  rejectionReason: z.string().optional(),
  uploadedBy: UserRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const StoredFilePage = page(StoredFile);

export const ListFilesQuery = Pagination.extend({
  requestId: RequestId.optional(),
});

export const Download = z.object({
  url: z.string(),
  expiresAt: z.string(),
});

// --- Audit ---------------------------------------------------------------

export const AuditEvent = z.object({
  eventId: z.string(),
  workspaceId: z.string(),
  at: z.string(),
  action: z.string(),
  actor: UserRef,
  target: z.object({ type: z.string(), id: z.string(), label: z.string().optional() }),
  /** Id of the API request (or storage event) that caused the change. */
  requestId: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export const AuditEventPage = page(AuditEvent);

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export const WorkspacePath = z.object({ workspaceId: WorkspaceId });
export const RequestPath = WorkspacePath.extend({ requestId: RequestId });
export const FilePath = WorkspacePath.extend({ fileId: FileId });
export const UploadPath = WorkspacePath.extend({ uploadId: UploadId });
export const MemberPath = WorkspacePath.extend({
  userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "userId must be 1-64 letters, digits, '-' or '_'"),
});

export type MeDto = z.infer<typeof Me>;
export type WorkspaceDto = z.infer<typeof Workspace>;
export type MemberDto = z.infer<typeof Member>;
export type DocumentRequestDto = z.infer<typeof DocumentRequest>;
export type StoredFileDto = z.infer<typeof StoredFile>;
export type AuditEventDto = z.infer<typeof AuditEvent>;
export type UserRefDto = z.infer<typeof UserRef>;
