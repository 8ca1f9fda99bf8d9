/**
 * A value as JSON to put inside a <script> element (code or data): every "<" escaped, so no
 * text in the value can close the element or open a comment.
 */
export function jsonInScript(value: unknown) {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
