import { describe, expect, it } from "vitest";
import type { DocumentRequestDto } from "../../shared/api/schemas";
import { changedFields } from "../../web/src/pages/staff/EditRequestForm";

const REQUEST: DocumentRequestDto = {
  requestId: "R1",
  workspaceId: "W1",
  title: "Loan agreements",
  description: "Signed copies",
  category: "Legal",
  assignee: { userId: "u1", email: "maria@client.example" },
  dueDate: "2026-02-14",
  sensitivity: "confidential",
  status: "open",
  availableFileCount: 0,
  createdAt: "2026-01-01T00:00:00.000Z",
  createdBy: { userId: "s1", email: "staff@firm.example" },
  updatedAt: "2026-01-01T00:00:00.000Z",
  version: 3,
};

const unchanged = {
  title: "Loan agreements",
  description: "Signed copies",
  category: "Legal",
  assignee: "maria@client.example",
  dueDate: "2026-02-14",
  sensitivity: "confidential" as const,
};

describe("edit request changes", () => {
  it("sends only the version when nothing changed", () => {
    expect(changedFields(REQUEST, unchanged)).toEqual({ version: 3 });
  });

  it("sends changed fields", () => {
    const body = changedFields(REQUEST, { ...unchanged, title: " Loan agreements and amendments ", assignee: "tom@client.example" });
    expect(body).toEqual({ version: 3, title: "Loan agreements and amendments", assignee: "tom@client.example" });
  });

  it("clears emptied optional fields with null", () => {
    const body = changedFields(REQUEST, { ...unchanged, description: "  ", assignee: "", dueDate: "" });
    expect(body).toEqual({ version: 3, description: null, assignee: null, dueDate: null });
  });
});
