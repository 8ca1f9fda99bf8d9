// The pieces every e-mail template is made of (pure).

/** Body lines; null lines are left out (optional facts). */
export type Draft = { subject: string; body: (string | null)[] };

/** A message quoted as a mail client quotes it. */
export function quote(text: string) {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n");
}
