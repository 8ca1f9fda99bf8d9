import { createContext, useContext } from "react";

/** The Content-Security-Policy nonce of the current response (server only; empty in the browser). */
export const NonceContext = createContext<string>("");
export const useNonce = () => useContext(NonceContext);
