// Facts about the incoming HTTP request that the server (server.mjs) hands to loaders.
import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address (X-Forwarded-For is trusted only with TRUST_PROXY). */
    clientAddress?: string;
    /** Per-response nonce for the Content-Security-Policy. */
    cspNonce?: string;
  }
}

export function clientAddress(context: AppLoadContext | undefined) {
  return context?.clientAddress ?? "unknown";
}
