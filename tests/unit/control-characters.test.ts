// Control characters (C0 but tab and line feed, DEL, C1) never get past a form's schema: a
// free-text field strips them (decision 016), any other field refuses the value.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ClusterCreateSchema, ClusterUpdateSchema, UserCreateSchema, UserUpdateSchema } from "~/schemas/admin";
import { withoutControlCharacters } from "~/schemas/fields";
import { EnterpriseAnswerSchema, IntakeSchema } from "~/schemas/intake";
import { BulkSchema, SaveViewSchema } from "~/schemas/queue";
import { RequestActionSchema } from "~/schemas/request-actions";
import { buildIntake, intakeFormFields, seededRandom, toFormData } from "../factories";

/** Every character that goes (CR aside: a line break, written as LF). */
const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)).filter((c) => !"\t\n\r".includes(c)),
  "\u007f",
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)),
].join("");
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

const random = seededRandom(16);
type Form = Record<string, string | string[]>;

/** Every form with a valid filling, and which of its fields are free text. */
const FORMS: Array<{ name: string; schema: z.ZodType; form: Form; freeText: string[] }> = [
  {
    name: "intake (supplies)",
    schema: IntakeSchema,
    form: intakeFormFields(buildIntake(random, { category: "SUPPLIES" })),
    freeText: ["enterpriseName", "contactName", "city", "title", "description", "supplyItems"],
  },
  {
    name: "intake (defence order)",
    schema: IntakeSchema,
    form: { ...intakeFormFields(buildIntake(random, { category: "DEFENCE_ORDER" })), monthlyCapacity: "200 шт.", certifications: "ISO 9001" },
    freeText: ["defenceProductType", "monthlyCapacity", "certifications"],
  },
  { name: "status page message", schema: EnterpriseAnswerSchema, form: { intent: "message", message: "Дякуємо, чекаємо." }, freeText: ["message"] },
  { name: "status page reopen", schema: EnterpriseAnswerSchema, form: { intent: "reopen", message: "Проблема повернулася." }, freeText: ["message"] },
  { name: "staff note", schema: RequestActionSchema, form: { intent: "note", version: "0", message: "Зателефонувати завтра." }, freeText: ["message"] },
  {
    name: "triage",
    schema: RequestActionSchema,
    form: { intent: "triage", version: "0", category: "OTHER", urgency: "HIGH", message: "Перевірено." },
    freeText: ["message"],
  },
  {
    name: "cluster",
    schema: ClusterCreateSchema,
    form: {
      slug: "test-cluster",
      nameUk: "Тестовий кластер",
      nameEn: "Test cluster",
      kind: "CLUSTER",
      homeRegion: "UA-30",
      capabilities: ["OTHER"],
      regions: ["UA-30"],
      contactName: "Ірина",
    },
    freeText: ["nameUk", "nameEn", "contactName"],
  },
  {
    name: "cluster update",
    schema: ClusterUpdateSchema,
    form: { nameUk: "Тестовий кластер", nameEn: "Test cluster", kind: "CLUSTER", homeRegion: "UA-30", capabilities: ["OTHER"], regions: [] },
    freeText: ["nameUk", "nameEn"],
  },
  { name: "new user", schema: UserCreateSchema, form: { email: "new@rrc.example", name: "Олена", role: "COORDINATOR" }, freeText: ["name"] },
  { name: "user update", schema: UserUpdateSchema, form: { intent: "update", name: "Олена", role: "COORDINATOR" }, freeText: ["name"] },
  { name: "saved view", schema: SaveViewSchema, form: { intent: "saveView", name: "Критичні", query: "?urgency=CRITICAL" }, freeText: ["name"] },
  { name: "bulk action", schema: BulkSchema, form: { intent: "bulk", ids: ["a1"], bulkAction: "reject", message: "Дублікат." }, freeText: ["message"] },
];

function parse(schema: z.ZodType, form: Form) {
  return parseWithZod(toFormData(form), { schema });
}

/** Every string anywhere in a parsed value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("control characters in forms", () => {
  it.each(FORMS.map((f) => [f.name, f]))("%s: the valid filling passes as it is", (_, { schema, form }) => {
    expect(parse(schema, form).status).toBe("success");
  });

  it.each(FORMS.map((f) => [f.name, f]))("%s: free text is stored without them, other fields refuse them", (_, { schema, form, freeText }) => {
    for (const [field, value] of Object.entries(form)) {
      const typed = (Array.isArray(value) ? value[0] : value) ?? "";
      const dirty = `${typed.slice(0, 1)}${CONTROLS}${typed.slice(1)}\r\nдалі`;
      const submission = parse(schema, { ...form, [field]: Array.isArray(value) ? [dirty] : dirty });
      if (freeText.includes(field)) {
        expect(submission.status, field).toBe("success");
        expect((submission as { value: Record<string, unknown> }).value[field], field).toBe(`${typed}\nдалі`);
      }
      if (submission.status === "success") {
        for (const text of strings(submission.value)) expect(text, `${field}: ${JSON.stringify(text)}`).not.toMatch(FORBIDDEN);
      }
    }
  });
});

describe("withoutControlCharacters", () => {
  it("keeps tabs, line feeds and every printable character, writes CRLF and CR as LF", () => {
    expect(withoutControlCharacters("a\tb\nc\r\nd\re")).toBe("a\tb\nc\nd\ne");
    expect(withoutControlCharacters("Київ — «Дніпро» 😀 ‏עברית‎ ﷽ \u00a0 \u00ad")).toBe("Київ — «Дніпро» 😀 ‏עברית‎ ﷽ \u00a0 \u00ad");
    expect(withoutControlCharacters(`x${CONTROLS}y`)).toBe("xy");
  });
});
