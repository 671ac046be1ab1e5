import { ConfigCheck } from "@edge/core";
import { checkCarrierClients, type CarrierClients } from "./private/cidr-rules";

/**
 * Checks a carrier's client blocks where they are configured (a Wavelength site), with the
 * same rules AudienceRoutedName applies: throws every `EdgeConfigError` found.
 */
export function validateCarrierClients(clients: CarrierClients, path: string): void {
  const check = new ConfigCheck();
  checkCarrierClients(check, clients, path);
  check.throwIfFailed();
}
