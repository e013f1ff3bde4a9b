import { createApiHandler } from "../shared/api/handler";
import {
  cancelRequest,
  createRequest,
  getRequest,
  importRequests,
  listRequests,
  reviewRequest,
  submitRequest,
} from "../shared/services/requests";

export const handler = createApiHandler("requests", {
  listRequests,
  createRequest,
  importRequests,
  getRequest,
  submitRequest,
  reviewRequest,
  cancelRequest,
});
