// Error lists under form fields, put in and taken away by the browser scripts, marked up as the
// server renders them (app/components/forms.tsx): `<id>-error` for the form's own check, and
// `<id>-check` for a file field's choice. The field is invalid while any of its lists is there.

export function make(tag: string, attributes: Record<string, string>, text?: string) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function describe(input: HTMLElement, id: string, on: boolean) {
  const ids = new Set((input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
  if (on) ids.add(id);
  else ids.delete(id);
  if (ids.size) input.setAttribute("aria-describedby", [...ids].join(" "));
  else input.removeAttribute("aria-describedby");
}

/**
 * Puts the list `id` of messages under a field (or takes it away when there are none), marked
 * up like app/components/forms.tsx: the field is invalid while any of its lists is there.
 */
export function putList(input: HTMLElement, id: string, messages: string[]) {
  document.getElementById(id)?.remove();
  if (messages.length) {
    const list = make("div", { id, class: "errors", role: "alert" });
    list.replaceChildren(...messages.map((text) => make("p", {}, text)));
    (input.closest(".field") ?? input.parentElement)?.append(list);
  }
  describe(input, id, messages.length > 0);
  const invalid = [`${input.id}-check`, `${input.id}-error`].some((list) => document.getElementById(list));
  if (invalid) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}
