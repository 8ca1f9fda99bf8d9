// Remix's own browser entry, with one guard: a signed-in page whose staff strings script did not
// arrive (a dropped connection) is left as the server rendered it, which works without
// JavaScript, rather than hydrated into a page of message keys.
import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { STAFF_STRINGS_GLOBAL } from "./i18n/staff-strings";

const needsStaffStrings = document.querySelector('head script[src^="/i18n/staff/"]') !== null;
const staffStringsArrived = STAFF_STRINGS_GLOBAL in window;

if (!needsStaffStrings || staffStringsArrived) {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}
