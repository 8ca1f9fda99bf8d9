import { expect, signIn, test } from "./fixtures";

for (const javaScriptEnabled of [true, false]) {
  test(`a cluster member chooses the daily digest for one kind of e-mail and off for another (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    await signIn(context, "member.lviv-garment@rrc.example");
    const page = await context.newPage();
    await page.goto("/cluster");
    await page.getByRole("link", { name: "Сповіщення" }).click();
    await expect(page.getByRole("heading", { name: "Сповіщення електронною поштою" })).toBeVisible();
    // A member is not offered the coordinators' kinds.
    await expect(page.getByRole("group", { name: "Кластер відмовився від запиту" })).toHaveCount(0);

    const wrote = page.getByRole("group", { name: "Підприємство написало" });
    const assigned = page.getByRole("group", { name: "Вашому кластеру передано запит" });
    await expect(wrote.getByRole("radio", { name: "Одразу" })).toBeChecked();
    await wrote.getByRole("radio", { name: /У щоденному підсумку/ }).check();
    await assigned.getByRole("radio", { name: "Не надсилати" }).check();
    await page.getByRole("button", { name: "Зберегти" }).click();
    await expect(page.getByRole("status")).toHaveText("Налаштування збережено.");

    await page.reload();
    await expect(wrote.getByRole("radio", { name: /У щоденному підсумку/ })).toBeChecked();
    await expect(assigned.getByRole("radio", { name: "Не надсилати" })).toBeChecked();
    await expect(page.getByRole("group", { name: "Підприємство відповіло на запитання" }).getByRole("radio", { name: "Одразу" })).toBeChecked();

    // Back as they were, for the other browser tests' e-mails.
    await wrote.getByRole("radio", { name: "Одразу" }).check();
    await assigned.getByRole("radio", { name: "Одразу" }).check();
    await page.getByRole("button", { name: "Зберегти" }).click();
    await expect(page.getByRole("status")).toHaveText("Налаштування збережено.");
    await context.close();
  });
}
