// SQLite has no case-insensitive matching for Cyrillic, so each request keeps a normalised,
// lower-cased copy of the fields people search by; queries normalise the same way.
export function normalizeForSearch(value: string) {
  return value.normalize("NFC").toLocaleLowerCase("uk").replace(/\s+/g, " ").trim();
}

export function searchTextFor(parts: Array<string | null | undefined>) {
  return normalizeForSearch(parts.filter(Boolean).join(" "));
}
