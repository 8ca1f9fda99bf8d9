// The answer to any other form when the Centre cannot store anything right now (a
// StorageFullError): the forms people fill in most (intake, the request page's actions, the
// queue's bulk actions, sign-in) come back whole with a message beside them (./storage-full.ts);
// every other action is wrapped in `storageAware`, which answers 503 with Retry-After and a page
// that says nothing was saved and to try again shortly.
import type { ActionFunctionArgs } from "@remix-run/node";
import { StorageFullError } from "~/domain/errors";
import { STORAGE_FULL_INIT } from "./storage-full";

export function storageAware<Result>(action: (args: ActionFunctionArgs) => Promise<Result>) {
  return async (args: ActionFunctionArgs): Promise<Result> => {
    try {
      return await action(args);
    } catch (error) {
      if (error instanceof StorageFullError) throw new Response("Storage full", STORAGE_FULL_INIT);
      throw error;
    }
  };
}
