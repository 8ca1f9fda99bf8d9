import type { Browser } from "@playwright/test";
import { expect, fillIntake, signIn, test } from "./fixtures";

/** Files a supplies request through the form, as an enterprise would; returns its reference. */
async function fileRequest(browser: Browser, title: string) {
  const enterprise = await browser.newPage();
  await enterprise.goto("/requests/new");
  await fillIntake(enterprise, { title });
  await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
  await enterprise.close();
  return reference;
}

async function staffPage(browser: Browser, email: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  await signIn(context, email);
  return context.newPage();
}

test("a coordinator's corrections at triage read in the page's language, as does every label", async ({ browser }) => {
  const reference = await fileRequest(browser, "Потрібна сталь для ремонту");
  const page = await staffPage(browser, "coordinator@rrc.example");
  await page.goto(`/requests/${reference}`);
  const triage = page.locator("details", { has: page.locator("summary", { hasText: "Підтвердити розгляд" }) });
  await triage.getByLabel("Категорія").selectOption("LOGISTICS");
  await triage.getByLabel("Терміновість").selectOption("CRITICAL");
  await triage.getByRole("button", { name: "Підтвердити розгляд" }).click();
  await expect(page).toHaveURL(/done=triage/);
  const timeline = page.locator("ol.timeline");
  await expect(timeline).toContainText("Категорія: Сировина та матеріали → Логістика");
  await expect(timeline).toContainText("Терміновість: Висока → Критична");
  await expect(timeline).not.toContainText("SUPPLIES");

  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(reference) })).toBeVisible();
  await expect(page.locator("ol.timeline")).toContainText("Category: Raw materials and supplies → Logistics");
  await expect(page.locator("ol.timeline")).toContainText("Urgency: High → Critical");
  await expect(page.locator("main")).toContainText("EDRPOU");
  await expect(page.locator("main")).not.toContainText("ЄДРПОУ");
  await page.getByRole("button", { name: "Українська версія" }).click();
  await page.context().close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`an action someone else made impossible meanwhile says what happened and gives the text back (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const reference = await fileRequest(browser, "Запит, який відхилять");
    const page = await staffPage(browser, "coordinator@rrc.example", javaScriptEnabled);
    await page.goto(`/requests/${reference}`);
    const ask = page.locator("details", { has: page.locator("summary", { hasText: "Запитати інформацію" }) });
    await ask.locator("summary").click();
    await ask.getByLabel("Запитання до підприємства").fill("Скільки тонн потрібно і до якої дати?");

    // Meanwhile a colleague rejects the request.
    const colleague = await staffPage(browser, "coordinator2@rrc.example");
    await colleague.goto(`/requests/${reference}`);
    const reject = colleague.locator("details", { has: colleague.locator("summary", { hasText: "Відхилити" }) });
    await reject.locator("summary").click();
    await reject.getByLabel("Причина").fill("Поза межами роботи Центру.");
    await reject.getByRole("button", { name: "Відхилити" }).click();
    await expect(colleague).toHaveURL(/done=reject/);

    await ask.getByRole("button", { name: "Запитати інформацію" }).click();
    const notice = page.getByRole("alert").filter({ hasText: "«Запитати інформацію»" });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("Скільки тонн потрібно і до якої дати?");
    await expect(page.locator(".status-badge")).toHaveText("Відхилено");
    await page.context().close();
    await colleague.context().close();
  });
}
