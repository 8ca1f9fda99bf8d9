// Every e-mail the Centre sends, in both languages, as a reader gets it: each kind, each of its
// variants (with and without a due time, a message, changes, an excerpt), and every category,
// urgency and region by name. The file beside this test is the text as sent; a change to any
// word shows up here as a diff to review.
import { describe, expect, it } from "vitest";
import { type NotificationKind, type NotificationParams, renderBilingual } from "~/domain/notifications/notification-templates";
import { CATEGORIES, REGIONS, URGENCIES } from "~/domain/taxonomy";

const at = new Date("2026-11-30T09:15:00Z");
const facts = { reference: "RRC-2026-00042", title: "Перемістити цех" };
const requestUrl = "https://rrc.example/requests/RRC-2026-00042";
const activity = { ...facts, requestUrl, enterpriseName: "ТОВ «Метал»", message: "Дякуємо.\nЧекаємо." };
const noChanges = { ...facts, message: "", changes: [] };

const every = (field: string, codes: readonly string[]) => codes.map((code, i) => ({ field, from: codes[(i + 1) % codes.length]!, to: code }));

const cases: { [K in NotificationKind]: NotificationParams[K][] } = {
  requestReceived: [
    { ...facts, statusUrl: "https://rrc.example/s/abc", triageDueAt: at },
    { ...facts, statusUrl: "https://rrc.example/s/abc", triageDueAt: null },
  ],
  infoRequested: [{ ...facts, message: "Яка площа цеху?", changes: [] }],
  accepted: [noChanges],
  message: [{ ...facts, message: "  Добрий день.\n\nПишемо щодо запиту.  ", changes: [] }],
  resolved: [{ ...facts, message: "Знайдено приміщення.", changes: [] }],
  rejected: [{ ...facts, message: "Поза межами роботи Центру.", changes: [] }],
  duplicate: [noChanges, { ...facts, message: "Див. RRC-2026-00041.", changes: [] }],
  closed: [noChanges],
  autoClosed: [noChanges],
  closedStale: [noChanges],
  stillNeeded: [noChanges],
  corrected: [
    {
      ...facts,
      message: "",
      changes: [
        ...every("category", CATEGORIES),
        ...every("urgency", URGENCIES),
        { field: "region", from: "UA-63", to: "UA-99" },
        { field: "destinationRegions", from: null, to: REGIONS.join(",") },
        { field: "neededBy", from: "2026-12-01", to: "2027-01-15" },
        { field: "contactName", from: "Олена", to: null },
        { field: "sensitive.productType", from: "А", to: "Б" },
        { field: "staffCount", from: "10", to: "12" },
      ],
    },
  ],
  reopened: [{ ...facts, message: "Підприємство просить ще раз.", changes: [] }],
  unmerged: [{ ...facts, message: "Різні потреби.", changes: [] }],
  assigned: [
    ...CATEGORIES.map((category, i) => ({ ...facts, requestUrl, category, urgency: URGENCIES[i % URGENCIES.length]!, region: REGIONS[i]! })),
    { ...facts, requestUrl, category: "OTHER" as const, urgency: "LOW" as const, region: "UA-99" },
  ],
  declined: [{ ...facts, requestUrl, cluster: { uk: "Харківський IAM-кластер", en: "Kharkiv IAM Cluster" }, reason: "Немає потужностей." }],
  notAcceptedInTime: [{ ...facts, requestUrl, cluster: { uk: "Львівський кластер", en: "Lviv Cluster" } }],
  enterpriseReplied: [activity],
  infoProvided: [activity],
  enterpriseReopened: [activity],
  digest: [
    {
      cutoff: at,
      settingsUrl: "https://rrc.example/account/notifications",
      requests: [{ reference: facts.reference, title: facts.title, requestUrl, events: [{ at, kind: "assigned", excerpt: null }] }],
    },
    {
      cutoff: at,
      settingsUrl: "https://rrc.example/account/notifications",
      requests: [
        {
          reference: facts.reference,
          title: facts.title,
          requestUrl,
          events: (["enterpriseReplied", "infoProvided", "enterpriseReopened", "assigned", "declined", "notAcceptedInTime"] as const).map((kind, i) => ({
            at: new Date(at.getTime() - i * 3_600_000),
            kind,
            excerpt: i % 2 ? null : "Коротко",
          })),
        },
        { reference: "RRC-2026-00043", title: "Сировина", requestUrl: `${requestUrl}3`, events: [{ at, kind: "declined", excerpt: "Ні" }] },
      ],
    },
  ],
  statusLinkRenewed: [
    { ...facts, statusUrl: "https://rrc.example/s/new", by: "enterprise", lostLinkUrl: "https://rrc.example/s/lost" },
    { ...facts, statusUrl: "https://rrc.example/s/new", by: "staff", lostLinkUrl: "https://rrc.example/s/lost" },
  ],
  passwordReset: [{ name: "Олена", resetUrl: "https://rrc.example/reset-password/t", expiresAt: at, forgotUrl: "https://rrc.example/forgot-password" }],
  passwordChanged: [
    { name: "Олена", at, how: "changed", forgotUrl: "https://rrc.example/forgot-password" },
    { name: "Олена", at, how: "reset", forgotUrl: "https://rrc.example/forgot-password" },
  ],
};

describe("e-mail texts", () => {
  it("read as sent, every kind and variant in Ukrainian and English", async () => {
    const messages = (Object.keys(cases) as NotificationKind[]).flatMap((kind) =>
      (cases[kind] as NotificationParams[typeof kind][]).map((params, i) => {
        const { subject, body } = renderBilingual(kind, params as never);
        return `#### ${kind} ${i + 1}\nSubject: ${subject}\n\n${body}\n`;
      }),
    );
    await expect(messages.join("\n")).toMatchFileSnapshot("./__snapshots__/notification-texts.txt");
  });
});
