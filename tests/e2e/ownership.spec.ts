import type { Browser } from "@playwright/test";
import { expect, fillIntake, signIn, test } from "./fixtures";

async function fileRequest(browser: Browser, title: string) {
  const enterprise = await browser.newPage();
  await enterprise.goto("/requests/new");
  await fillIntake(enterprise, { title });
  await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
  await enterprise.close();
  return reference;
}

for (const javaScriptEnabled of [true, false]) {
  test(`a coordinator finds a new request in their own view, takes it and hands it to a colleague with a note (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const title = `Потрібен прокат ${javaScriptEnabled ? "А" : "Б"}${Date.now() % 100000}`;
    const reference = await fileRequest(browser, title);
    const context = await browser.newContext({ javaScriptEnabled });
    await signIn(context, "coordinator2@rrc.example");
    const page = await context.newPage();

    // The queue opens on what needs this coordinator's action; a new request is nobody's yet.
    await page.goto("/queue");
    const views = page.getByRole("navigation", { name: "Подання черги" });
    await expect(views.getByRole("link", { name: "Потребують моєї дії" })).toHaveAttribute("aria-current", "page");
    const filters = page.getByRole("form", { name: "Фільтри" });
    await expect(filters.getByLabel("Відповідальний")).toHaveValue("me-or-nobody");
    await filters.getByLabel("Пошук").fill(title);
    await filters.getByRole("button", { name: "Застосувати" }).click();
    await expect(page).toHaveURL(/owner=me-or-nobody/);
    await expect(page).toHaveURL(/waiting=1/);
    const row = page.getByRole("row").filter({ hasText: reference });
    await expect(row).toHaveCount(1);
    await row.getByRole("link", { name: reference }).click();

    // Takes it.
    await expect(page.getByRole("heading", { name: new RegExp(reference) })).toBeVisible();
    await page.getByRole("button", { name: "Взяти собі" }).click();
    await expect(page).toHaveURL(/done=take/);
    await expect(page.getByText("Ви відповідаєте за цей запит.")).toBeVisible();
    await expect(page.locator("dl.facts").first()).toContainText("Андрій Координатор (демо)");
    const taken = page.locator("ol.timeline li").filter({ hasText: "Координатор узяв запит собі" });
    await expect(taken).toContainText("Відповідальний координатор: не призначено → Андрій Координатор (демо)");

    // Hands it over: without a note it is refused, and what was chosen stays.
    const handOver = page.locator("details", { has: page.locator("summary", { hasText: "Передати колезі" }) });
    await handOver.locator("summary").click();
    await handOver.getByLabel("Кому передати").selectOption({ label: "Олена Координаторка (демо)" });
    await handOver.getByRole("button", { name: "Передати колезі" }).click();
    await expect(handOver.getByText("Заповніть це поле.")).toBeVisible();
    await expect(handOver.getByLabel("Кому передати")).toHaveValue(/.+/);
    await handOver.getByLabel("Нотатка для колеги").fill("Підприємство чекає дзвінка в понеділок.");
    await handOver.getByRole("button", { name: "Передати колезі" }).click();
    await expect(page).toHaveURL(/done=handOver/);
    await expect(page.locator("dl.facts").first()).toContainText("Олена Координаторка (демо)");
    const handed = page.locator("ol.timeline li").filter({ hasText: "Запит передано іншому координатору" });
    await expect(handed).toContainText("Андрій Координатор (демо) → Олена Координаторка (демо)");
    await expect(handed).toContainText("Підприємство чекає дзвінка в понеділок.");
    // No longer the owner: nothing to hand over, but it can be taken back.
    await expect(page.locator("summary", { hasText: "Передати колезі" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Взяти собі" })).toBeVisible();
    await context.close();

    // The colleague finds it among their own, with the owner column.
    const colleague = await browser.newContext({ javaScriptEnabled });
    await signIn(colleague, "coordinator@rrc.example");
    const theirs = await colleague.newPage();
    await theirs.goto(`/queue?owner=me&q=${encodeURIComponent(title)}`);
    const mine = theirs.getByRole("row").filter({ hasText: reference });
    await expect(mine).toContainText("Олена Координаторка (демо)");
    await colleague.close();
  });
}
