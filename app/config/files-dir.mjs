// The one place that decides where attached documents are stored on the local disk and how
// they are laid out: FILES_DIR, else data/files (relative to the working directory), each
// content at `<root>/<first two hex digits of its SHA-256>/<SHA-256>`. Plain JavaScript, used by
// the app's configuration and LocalDiskStore (app/domain/files/storage.server.ts) and by the
// backup and restore scripts, which run without a build.
import path from "node:path";

export const DEFAULT_FILES_DIR = "data/files";

/** @returns {string} the store's absolute root */
export function filesDir(value = process.env.FILES_DIR) {
  return path.resolve(process.cwd(), value && value.trim() ? value.trim() : DEFAULT_FILES_DIR);
}

const SHA256 = /^[0-9a-f]{64}$/;

/** @returns {string} where the content named `sha256` lives under `root` */
export function storedFilePath(root, sha256) {
  if (!SHA256.test(sha256)) throw new Error("not a SHA-256 name");
  return path.join(root, sha256.slice(0, 2), sha256);
}
