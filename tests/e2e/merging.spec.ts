import type { Browser, Page } from "@playwright/test";
import { expect, fillIntake, freshEdrpou, signIn, test } from "./fixtures";

async function file(browser: Browser, edrpou: string, title: string) {
  const enterprise = await browser.newPage();
  await enterprise.goto("/requests/new");
  await fillIntake(enterprise, { edrpou, title });
  await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
  const statusLink = (await enterprise.getByTestId("status-link").textContent())!.trim();
  return { enterprise, reference, statusLink };
}

/** Opens an action's form on the request page, fills its text and sends it. */
async function act(page: Page, title: string, fields: Record<string, string>) {
  const form = page.locator("details", { has: page.locator("summary", { hasText: title }) });
  await form.locator("summary").click();
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
  await form.getByRole("button", { name: title }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test(`a duplicate is merged, its link follows the original, the merge is undone, and a rejected request is reopened (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const edrpou = freshEdrpou();
    const first = await file(browser, edrpou, "Потрібен листовий прокат для цеху");
    const second = await file(browser, edrpou, "Знову про листовий прокат");

    const context = await browser.newContext({ javaScriptEnabled });
    await signIn(context, "coordinator@rrc.example");
    const page = await context.newPage();

    // A search for the EDRPOU leads to the enterprise's page, which lists both, newest first.
    await page.goto(`/queue?q=${edrpou}`);
    await page.getByTestId("enterprise-link").getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(edrpou);
    const listed = page.locator("section", { has: page.locator("#requests-title") }).locator("tbody tr");
    await expect(listed).toHaveCount(2);
    await expect(listed.first()).toContainText(second.reference);
    await expect(listed.last()).toContainText(first.reference);

    // Merge the second into the first (reached from the request page's EDRPOU link and back).
    await page.goto(`/requests/${second.reference}`);
    await page.getByRole("link", { name: `Сторінка підприємства з ЄДРПОУ ${edrpou}` }).click();
    await expect(page).toHaveURL(new RegExp(`/enterprises/${edrpou}$`));
    await page.goto(`/requests/${second.reference}`);
    await act(page, "Позначити дублікатом", { "Номер основного запиту (RRC-…)": first.reference, Причина: "Те саме підприємство, той самий прокат." });
    await expect(page).toHaveURL(/done=markDuplicate/);
    await expect(page.locator(".status-badge")).toHaveText("Дублікат");
    await expect(page.getByRole("link", { name: `Дублікат запиту ${first.reference}`, exact: true })).toBeVisible();
    // Merged, it is no longer a "possible" duplicate.
    await expect(page.getByText("Можливий дублікат")).toHaveCount(0);

    // The original's timeline holds the duplicate's entries, marked.
    await page.goto(`/requests/${first.reference}`);
    await expect(page.getByTestId("merged-requests")).toContainText(second.reference);
    await expect(page.locator("ol.timeline li.event-merged").first()).toContainText(`з об'єднаного ${second.reference}`);

    // The duplicate's link shows the original's progress, and what is written there reaches it.
    await second.enterprise.goto(second.statusLink);
    await expect(second.enterprise.getByTestId("merged-into")).toContainText(first.reference);
    await expect(second.enterprise.getByRole("heading", { level: 1 })).toContainText(first.reference);
    await second.enterprise.getByLabel("Повідомлення").fill("Прокат потрібен до п'ятниці.");
    await second.enterprise.getByRole("button", { name: "Надіслати", exact: true }).click();
    await expect(second.enterprise.getByText("Повідомлення додано.")).toBeVisible();
    await page.reload();
    await expect(page.locator("ol.timeline")).toContainText("Прокат потрібен до п'ятниці.");

    // Undo the merge: the second is a request of its own again, on both sides.
    await page.goto(`/requests/${second.reference}`);
    await act(page, "Скасувати об'єднання", { "Причина (її побачить підприємство)": "Це різні замовлення." });
    await expect(page).toHaveURL(/done=unmerge/);
    await expect(page.locator(".status-badge")).toHaveText("Новий");
    await page.goto(`/requests/${first.reference}`);
    await expect(page.getByTestId("merged-requests")).toHaveCount(0);
    await expect(page.locator("ol.timeline")).toContainText(second.reference);
    await second.enterprise.goto(second.statusLink);
    await expect(second.enterprise.getByRole("heading", { level: 1 })).toContainText(second.reference);
    await expect(second.enterprise.locator("ol.timeline")).toContainText("Це різні замовлення.");

    // Reject the second, then reopen it: the enterprise reads why.
    await page.goto(`/requests/${second.reference}`);
    await act(page, "Відхилити", { Причина: "Поза межами роботи Центру." });
    await expect(page).toHaveURL(/done=reject/);
    await act(page, "Відкрити знову", { "Причина (її побачить підприємство)": "Відхилено помилково, розглянемо." });
    await expect(page).toHaveURL(/done=reopenByStaff/);
    await expect(page.locator(".status-badge")).toHaveText("Новий");
    await second.enterprise.goto(second.statusLink);
    await expect(second.enterprise.locator("ol.timeline")).toContainText("Координатор відкрив запит знову");
    await expect(second.enterprise.locator("ol.timeline")).toContainText("Відхилено помилково, розглянемо.");

    await Promise.all([first.enterprise.close(), second.enterprise.close(), context.close()]);
  });
}
