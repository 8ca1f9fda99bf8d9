import { expect, fillIntake, signIn, test } from "./fixtures";

for (const javaScriptEnabled of [true, false]) {
  test(`a message from the enterprise is marked unread in the queue until the coordinator opens the request (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const title = `Уточнення до запиту ${javaScriptEnabled ? "А" : "Б"}`;
    const enterprise = await browser.newPage();
    await enterprise.goto("/requests/new");
    await fillIntake(enterprise, { title });
    await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
    const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
    const statusLink = (await enterprise.getByTestId("status-link").textContent())!.trim();
    await enterprise.goto(statusLink);
    await enterprise.getByLabel("Повідомлення").fill("Додаємо: потрібна також доставка до Харкова.");
    await enterprise.getByRole("button", { name: "Надіслати", exact: true }).click();
    await expect(enterprise).toHaveURL(/done=message/);
    await enterprise.close();

    const context = await browser.newContext({ javaScriptEnabled });
    await signIn(context, "coordinator@rrc.example");
    const page = await context.newPage();
    await page.goto("/queue");
    const filters = page.getByRole("form", { name: "Фільтри" });
    await filters.getByRole("checkbox", { name: "Нове від підприємства, яке я ще не бачив(-ла)" }).check();
    await filters.getByLabel("Пошук").fill(reference);
    await filters.getByRole("button", { name: "Застосувати" }).click();
    await expect(page).toHaveURL(/unread=1/);
    const row = page.getByRole("row").filter({ hasText: reference });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("нове від підприємства");

    await row.getByRole("link", { name: reference }).click();
    await expect(page.getByRole("heading", { name: new RegExp(reference) })).toBeVisible();
    const entry = page.locator("ol.timeline li").filter({ hasText: "Додаємо: потрібна також доставка до Харкова." });
    await expect(entry).toContainText("нове для вас");

    // Seen: gone from the unread list, and no mark in the full list.
    await page.goto(`/queue?unread=1&q=${reference}`);
    await expect(page.getByText("Знайдено: 0")).toBeVisible();
    await page.goto(`/queue?q=${reference}`);
    const seen = page.getByRole("row").filter({ hasText: reference });
    await expect(seen).toHaveCount(1);
    await expect(seen).not.toContainText("нове від підприємства");
    await context.close();
  });
}
