// SQLite has no case-insensitive matching for Cyrillic, so each request keeps a normalised,
// lower-cased copy of the fields people search by; queries normalise the same way.
export function normalizeForSearch(value: string) {
  return value.normalize("NFC").toLocaleLowerCase("uk").replace(/\s+/g, " ").trim();
}

function searchTextFor(parts: Array<string | null | undefined>) {
  return normalizeForSearch(parts.filter(Boolean).join(" "));
}

/**
 * What a request's stored search text holds: its reference, the enterprise's code and name, its
 * title and description. Every writer (intake, a correction, the benchmarks' data) calls this.
 */
export function requestSearchText(request: { reference: string; edrpou: string; enterpriseName: string; title: string; description: string }) {
  return searchTextFor([request.reference, request.edrpou, request.enterpriseName, request.title, request.description]);
}
