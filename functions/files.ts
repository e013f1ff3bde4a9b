import { createApiHandler } from "../shared/api/handler";
import { completeUpload, createUpload, getFile, getFileDownload, listFiles } from "../shared/services/files";

export const handler = createApiHandler("files", {
  createUpload,
  completeUpload,
  listFiles,
  getFile,
  getFileDownload,
});
