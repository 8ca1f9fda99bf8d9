// A coordinator's working week, end to end, with every e-mail it sends read from the outbox:
// file → triage (the coordinator becomes its owner) → ask → answer → assign → the cluster
// accepts and asks → answer → urgency corrected → resolved → reopened → a second filing merged
// into it as a duplicate → the next morning's digest. The enterprise works without JavaScript
// (a phone on a bad line), staff with it.
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, fillIntake, freshEdrpou, signIn, test } from "./fixtures";
import { deliverMail, linksIn, mailsTo } from "./mail";

const ENTERPRISE_EMAIL = "olena@enterprise.example";
const OWNER = "coordinator2@rrc.example";
const MEMBER = "member.kharkiv-iam@rrc.example";

async function file(enterprise: BrowserContext, edrpou: string, title: string) {
  const page = await enterprise.newPage();
  await page.goto("/requests/new");
  await fillIntake(page, { edrpou, title });
  await page.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  const statusLink = (await page.getByTestId("status-link").textContent())!.trim();
  return { page, reference, statusLink };
}

/** Opens an action's form on the request page, fills it and sends it. */
async function act(page: Page, title: string, fields: Record<string, string> = {}) {
  const form = page.locator("details", { has: page.locator("summary", { hasText: title }) });
  // Some open by themselves (triage on a new request): a click would fold them.
  if ((await form.getAttribute("open")) === null) await form.locator("summary").click();
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
  await form.getByRole("button", { name: title }).click();
}

/** The enterprise answers on its status page. */
async function answer(page: Page, statusLink: string, text: string) {
  await page.goto(statusLink);
  await expect(page.getByText("Потрібна ваша відповідь")).toBeVisible();
  await page.getByLabel("Повідомлення").fill(text);
  await page.getByRole("button", { name: "Надіслати", exact: true }).click();
  await expect(page.getByText("Її отримає той, хто питав", { exact: false })).toBeVisible();
}

async function staff(browser: Browser, email: string) {
  const context = await browser.newContext();
  await signIn(context, email);
  return context.newPage();
}

/** Exactly one e-mail to `to` with this subject since `since`, delivered now; its text. */
async function oneMail(browser: Browser, to: string, subject: string, since: number) {
  await deliverMail(browser);
  const mails = await mailsTo(to, subject, since);
  expect(
    mails.map((m) => m.subject),
    `e-mails to ${to} about "${subject}"`,
  ).toHaveLength(1);
  return mails[0]!;
}

async function setAnswersToDigest(page: Page, choice: RegExp | string) {
  await page.goto("/account/notifications");
  await page.getByRole("group", { name: "Підприємство відповіло на запитання" }).getByRole("radio", { name: choice }).check();
  await page.getByRole("button", { name: "Зберегти" }).click();
  await expect(page.getByRole("status")).toHaveText("Налаштування збережено.");
}

// A step that cannot happen fails within seconds instead of waiting out the test.
test.use({ actionTimeout: 15_000, navigationTimeout: 30_000 });

test("a week of one request: every step reaches the right people by e-mail, and the next morning's digest lists what waited", async ({ browser }) => {
  // The first delivery sends the demo data's backlog of e-mails too.
  test.setTimeout(480_000);
  const since = Date.now();
  const edrpou = freshEdrpou();
  const title = `Переїзд цеху та листовий прокат ${since % 100000}`;
  const enterprise = await browser.newContext({ javaScriptEnabled: false });
  const member = await staff(browser, MEMBER);
  // The member reads answers to their questions in the next morning's digest.
  await setAnswersToDigest(member, /У щоденному підсумку/);

  try {
    // Monday: the enterprise files; it is told the reference and its private link.
    const first = await file(enterprise, edrpou, title);
    const received = await oneMail(browser, ENTERPRISE_EMAIL, `[${first.reference}] Запит отримано`, since);
    expect(received.text).toContain(first.statusLink);

    // The coordinator triages it and so owns it, then asks the enterprise.
    const owner = await staff(browser, OWNER);
    await owner.goto(`/requests/${first.reference}`);
    await act(owner, "Підтвердити розгляд");
    await expect(owner).toHaveURL(/done=triage/);
    await expect(owner.getByText("Ви відповідаєте за цей запит.")).toBeVisible();
    await act(owner, "Запитати інформацію", { "Запитання до підприємства": "Скільки верстатів і якої ваги треба перевезти?" });
    await expect(owner).toHaveURL(/done=requestInfo/);
    const asked = await oneMail(browser, ENTERPRISE_EMAIL, `[${first.reference}] Потрібна ваша відповідь`, since);
    expect(asked.text).toContain("Скільки верстатів і якої ваги треба перевезти?");
    // The private link is in no e-mail but the first.
    expect(asked.text).not.toContain(first.statusLink);

    // Tuesday: the enterprise answers; the owner hears at once.
    await answer(first.page, first.statusLink, "Дванадцять верстатів, найважчий 8 тонн.");
    const answered = await oneMail(browser, OWNER, `[${first.reference}] Підприємство відповіло на запитання`, since);
    expect(answered.text).toContain("Дванадцять верстатів, найважчий 8 тонн.");
    expect(linksIn(answered).map((url) => url.pathname)).toContain(`/requests/${first.reference}`);

    // The owner hands it to the Kharkiv cluster, whose members are told.
    await owner.goto(`/requests/${first.reference}`);
    await owner.getByLabel("Або оберіть кластер зі списку").selectOption({ label: "Харківський IAM-кластер" });
    await owner.getByRole("button", { name: "Передати кластеру", exact: true }).click();
    await expect(owner).toHaveURL(/done=assign/);
    await oneMail(browser, MEMBER, `[${first.reference}] Вашому кластеру передано запит`, since);

    // Wednesday: the cluster accepts (the enterprise is told) and asks its own question.
    await member.goto(`/requests/${first.reference}`);
    await act(member, "Прийняти в роботу");
    await expect(member).toHaveURL(/done=accept/);
    await oneMail(browser, ENTERPRISE_EMAIL, `[${first.reference}] Запит узято в роботу`, since);
    await act(member, "Запитати інформацію", { "Запитання до підприємства": "Чи є під'їзд для фури на 20 тонн?" });
    await expect(member).toHaveURL(/done=requestInfo/);
    const memberAsked = await mailsTo(ENTERPRISE_EMAIL, `[${first.reference}] Потрібна ваша відповідь`, since);
    await deliverMail(browser);
    expect((await mailsTo(ENTERPRISE_EMAIL, `[${first.reference}] Потрібна ваша відповідь`, since)).map((m) => m.text)).toEqual([
      ...memberAsked.map((m) => m.text),
      expect.stringContaining("Чи є під'їзд для фури на 20 тонн?"),
    ]);

    // The enterprise answers: the owner hears at once, the member (who chose the digest) does not.
    await answer(first.page, first.statusLink, "Так, є майданчик біля воріт №2.");
    await deliverMail(browser);
    const ownerHeard = await mailsTo(OWNER, `[${first.reference}] Підприємство відповіло на запитання`, since);
    expect(ownerHeard.map((m) => m.text)).toEqual([
      expect.stringContaining("Дванадцять верстатів"),
      expect.stringContaining("Так, є майданчик біля воріт №2."),
    ]);
    expect(await mailsTo(MEMBER, "Підприємство відповіло на запитання", since)).toHaveLength(0);
    await member.goto(`/requests/${first.reference}`);
    await expect(member.locator(".status-badge")).toHaveText("У роботі");

    // Thursday: the owner raises the urgency; the enterprise reads what changed.
    const correction = owner.locator("details", { has: owner.locator("summary", { hasText: "Виправити запит" }) });
    await owner.goto(`/requests/${first.reference}`);
    await correction.locator("summary").click();
    await correction.getByLabel("Терміновість").selectOption("CRITICAL");
    await correction.getByRole("button", { name: "Зберегти виправлення" }).click();
    await expect(owner).toHaveURL(/done=edit/);
    const corrected = await oneMail(browser, ENTERPRISE_EMAIL, `[${first.reference}] Дані запиту виправлено`, since);
    expect(corrected.text).toContain("Висока → Критична");

    // Friday: the cluster resolves it; the owner reopens it with a reason; the enterprise hears both.
    await member.goto(`/requests/${first.reference}`);
    await member.locator("summary", { hasText: "Позначити виконаним" }).click();
    await member.locator("#action-resolve").getByLabel("Повідомлення").fill("Обладнання перевезено, прокат доставлено.");
    await member.getByRole("button", { name: "Позначити виконаним" }).click();
    await expect(member).toHaveURL(/done=resolve/);
    const resolved = await oneMail(browser, ENTERPRISE_EMAIL, `[${first.reference}] Запит виконано`, since);
    expect(resolved.text).toContain("Обладнання перевезено, прокат доставлено.");
    await owner.goto(`/requests/${first.reference}`);
    await act(owner, "Відкрити знову", { "Причина (її побачить підприємство)": "Доставлено 15 тонн з 20, решта ще потрібна." });
    await expect(owner).toHaveURL(/done=reopenByStaff/);
    const reopened = await oneMail(browser, ENTERPRISE_EMAIL, `[${first.reference}] Запит відкрито знову`, since);
    expect(reopened.text).toContain("Доставлено 15 тонн з 20, решта ще потрібна.");

    // The enterprise files the same need again; the owner merges it into the first.
    const second = await file(enterprise, edrpou, "Ще раз про листовий прокат");
    await oneMail(browser, ENTERPRISE_EMAIL, `[${second.reference}] Запит отримано`, since);
    await owner.goto(`/requests/${second.reference}`);
    await act(owner, "Позначити дублікатом", { "Номер основного запиту (RRC-…)": first.reference, Причина: "Той самий прокат, що й у першому запиті." });
    await expect(owner).toHaveURL(/done=markDuplicate/);
    const merged = await oneMail(browser, ENTERPRISE_EMAIL, `[${second.reference}] Запит закрито як дублікат`, since);
    // It does not name the other request (it may be another enterprise's); its link follows it.
    expect(merged.text).toContain("Той самий прокат, що й у першому запиті.");
    await second.page.goto(second.statusLink);
    await expect(second.page.getByRole("heading", { level: 1 })).toContainText(first.reference);

    // The next morning after 08:00 Kyiv time, the member's digest lists the answer that waited.
    const nextMorning = new Date(Date.now() + 26 * 3600_000).toISOString();
    execFileSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "tests/e2e/send-digests.ts", nextMorning], {
      env: {
        ...process.env,
        DATABASE_URL: `file:${path.resolve("tests/.tmp/e2e/e2e.db")}`,
        OUTBOX_DIR: path.resolve("tests/.tmp/e2e/outbox"),
        FILES_DIR: path.resolve("tests/.tmp/e2e/files"),
        PUBLIC_URL: test.info().project.use.baseURL!,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const digests = await mailsTo(MEMBER, "Щоденний підсумок", since);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain(first.reference);
    expect(digests[0]!.text).toContain("Так, є майданчик біля воріт №2.");
    expect(linksIn(digests[0]!).map((url) => url.pathname)).toContain(`/requests/${first.reference}`);
    // Nobody got anything twice: each e-mail above was read exactly once.
    expect(await mailsTo(ENTERPRISE_EMAIL, `[${first.reference}]`, since)).toHaveLength(7);
    expect(await mailsTo(ENTERPRISE_EMAIL, `[${second.reference}]`, since)).toHaveLength(2);
  } finally {
    // Back as it was, for the other browser tests' e-mails.
    await setAnswersToDigest(member, "Одразу");
    await Promise.all([enterprise.close(), member.context().close()]);
  }
});
