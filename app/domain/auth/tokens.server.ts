// Private status links: 256 random bits in the link, only their SHA-256 in the database, so
// neither guessing nor a copy of the database opens a request's page.
import { createHash, randomBytes } from "node:crypto";

export function newStatusToken() {
  return randomBytes(32).toString("base64url");
}

export function hashStatusToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Tokens are 43 base64url characters; anything else is not worth a database look-up. */
export function isWellFormedStatusToken(token: string) {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
