// The answer to a form the Centre cannot store right now (a StorageFullError): 503, the form
// as it was typed with an "unavailable" message, and when to try again.
export const STORAGE_FULL_INIT = { status: 503, headers: { "Retry-After": "60" } } as const;
