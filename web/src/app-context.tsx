import { createContext, useContext, useSyncExternalStore } from "react";
import type { HubSecureApi, MeDto } from "./api/hubsecure-api";
import type { AuthSession, AuthState } from "./auth/auth-session";
import type { WebConfig } from "./config";

export interface AppServices {
  config: WebConfig;
  auth: AuthSession;
  api: HubSecureApi;
}

export const ServicesContext = createContext<AppServices | undefined>(undefined);
export const MeContext = createContext<MeDto | undefined>(undefined);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices must be used inside ServicesContext");
  return services;
}

export function useApi(): HubSecureApi {
  return useServices().api;
}

/** Returns the signed-in user. Only components below the signed-in shell may call it. */
export function useMe(): MeDto {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe must be used inside MeContext");
  return me;
}

export function isStaffUser(me: MeDto): boolean {
  return me.isStaff || me.isAdmin;
}

export function useAuthState(auth: AuthSession): AuthState {
  return useSyncExternalStore(auth.subscribe, auth.getState);
}
