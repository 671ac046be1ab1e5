import { registerStackPolicy } from "@edge/core";
import { edgePolicyPack } from "./policy-pack";

// Importing @edge/policy puts the pack on every EdgeStack created afterwards (see
// registerStackPolicy in @edge/core for why core does not import the pack itself).
registerStackPolicy(edgePolicyPack);

/** The pack that `import "@edge/policy"` registers with @edge/core. */
export const registeredPack = edgePolicyPack;
