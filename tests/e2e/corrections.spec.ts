import type { Browser } from "@playwright/test";
import { expect, fillIntake, signIn, test } from "./fixtures";

/** Files a supplies request in Kharkiv, urgency high, as an enterprise would; returns its reference and private link. */
async function fileRequest(browser: Browser, title: string) {
  const enterprise = await browser.newPage();
  await enterprise.goto("/requests/new");
  await fillIntake(enterprise, { title });
  await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
  const statusLink = (await enterprise.getByTestId("status-link").textContent())!.trim();
  await enterprise.close();
  return { reference, statusLink };
}

for (const javaScriptEnabled of [true, false]) {
  test(`a coordinator corrects what was filed; the timeline and the enterprise's page say what changed (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const { reference, statusLink } = await fileRequest(browser, "Потрібен листовий прокат для цеху");
    const context = await browser.newContext({ javaScriptEnabled });
    await signIn(context, "coordinator@rrc.example");
    const page = await context.newPage();
    await page.goto(`/requests/${reference}`);

    const correction = page.locator("details", { has: page.locator("summary", { hasText: "Виправити запит" }) });
    await correction.locator("summary").click();
    // Pre-filled with what was filed.
    await expect(correction.getByLabel("Коротко: що потрібно")).toHaveValue("Потрібен листовий прокат для цеху");
    await expect(correction.getByLabel("Населений пункт")).toHaveValue("Харків");

    // A refused post gives back what was typed, with the error beside its field.
    await correction.getByLabel("Населений пункт").fill("Лозова");
    await correction.getByLabel("Терміновість").selectOption("CRITICAL");
    await correction.getByLabel("Що потрібно і скільки").fill("");
    await correction.getByRole("button", { name: "Зберегти виправлення" }).click();
    await expect(correction.getByText("Для цієї категорії це поле обов'язкове.")).toBeVisible();
    await expect(correction.getByLabel("Населений пункт")).toHaveValue("Лозова");
    await expect(correction.getByLabel("Терміновість")).toHaveValue("CRITICAL");

    await correction.getByLabel("Що потрібно і скільки").fill("Лист сталевий 4 мм — 25 т");
    await correction.getByRole("button", { name: "Зберегти виправлення" }).click();
    await expect(page).toHaveURL(/done=edit/);
    await expect(page.getByText("Готово.")).toBeVisible();

    const entry = page.locator("ol.timeline li").filter({ hasText: "Дані запиту виправлено" });
    await expect(entry).toContainText("Олена");
    await expect(entry).toContainText("Населений пункт: Харків → Лозова");
    await expect(entry).toContainText("Терміновість: Висока → Критична");
    await expect(entry).toContainText("Що потрібно і скільки:");
    // The changed urgency says it moved the review deadline.
    await expect(entry).toContainText("Розглянути до:");
    await expect(page.locator("dl.facts").first()).toContainText("Лозова");

    // The enterprise sees on its page what changed in what it filed, but not the centre's deadlines.
    const enterprise = await browser.newPage();
    await enterprise.goto(statusLink);
    const seen = enterprise.locator("ol.timeline li").filter({ hasText: "Дані запиту виправлено" });
    await expect(seen).toContainText("Населений пункт: Харків → Лозова");
    await expect(seen).toContainText("Терміновість: Висока → Критична");
    await expect(seen).not.toContainText("Розглянути до");
    await enterprise.close();
    await context.close();
  });
}
