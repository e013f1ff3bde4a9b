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
import { updateRequest } from "../shared/services/request-updates";

export const handler = createApiHandler("requests", {
  listRequests,
  listWaitingRequests,
  createRequest,
  importRequests,
  getRequest,
  updateRequest,
  submitRequest,
  reviewRequest,
  cancelRequest,
});
