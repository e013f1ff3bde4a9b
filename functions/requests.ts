import { createApiHandler } from "../shared/api/handler";
import {
  cancelRequest,
  createRequest,
  getRequest,
  importRequests,
  listRequests,
  listWaitingRequests,
  reviewRequest,
  submitRequest,
} from "../shared/services/requests";

export const handler = createApiHandler("requests", {
  listRequests,
  listWaitingRequests,
  createRequest,
  importRequests,
  getRequest,
  submitRequest,
  reviewRequest,
  cancelRequest,
});
