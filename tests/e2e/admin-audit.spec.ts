import { readFile } from "node:fs/promises";
import { expect, signIn, test } from "./fixtures";

for (const javaScriptEnabled of [true, false]) {
  test(`an admin's change to a cluster's regions is in the change log, filtered and downloaded (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, acceptDownloads: true });
    await signIn(context, "admin@rrc.example");
    const page = await context.newPage();
    const slug = javaScriptEnabled ? "kharkiv-iam" : "vinnytsia-iam";

    // A region added to a cluster through its form.
    await page.goto(`/admin/clusters/${slug}`);
    await page.getByRole("group", { name: "Області, в яких працює" }).getByLabel("Полтавська область").check();
    // And an industry: the divisions of manufacturing are unfolded, since the cluster serves some already.
    const industries = page.getByRole("group", { name: "Галузі, які обслуговує (КВЕД)" });
    await expect(industries.getByLabel("28 — Виробництво машин і устатковання")).toBeChecked();
    await industries.getByLabel("31 — Виробництво меблів").check();
    await page.getByRole("button", { name: "Зберегти" }).click();
    await expect(page.getByRole("status")).toHaveText("Зміни збережено.");

    await page.goto("/admin");
    await page.getByRole("link", { name: "Журнал змін" }).click();
    await expect(page.getByRole("heading", { name: "Журнал змін адміністрування" })).toBeVisible();
    const newest = page.locator("table tbody tr").first();
    await expect(newest).toContainText("Змінено кластер");
    await expect(newest).toContainText(slug);
    await expect(newest).toContainText("Адміністратор");
    await expect(newest.locator("li", { hasText: "області" }).locator("ins")).toContainText("Полтавська область");
    await expect(newest.locator("li", { hasText: "галузі" }).locator("ins")).toContainText("31 — Виробництво меблів");

    // Filters live in the URL: only user changes, then only clusters again.
    await page.getByLabel("Що змінено").selectOption("user");
    await page.getByRole("button", { name: "Показати" }).click();
    await expect(page).toHaveURL(/[?&]kind=user/);
    await expect(page.locator("main")).not.toContainText(slug);
    await page.getByLabel("Що змінено").selectOption("cluster");
    await page.getByRole("button", { name: "Показати" }).click();
    await expect(page).toHaveURL(/[?&]kind=cluster/);
    await expect(page.locator("table tbody tr").first()).toContainText(slug);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Завантажити CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^rrc-admin-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFFКоли;Хто;")).toBe(true);
    expect(csv).toContain(`Змінено кластер;Кластери;${slug};`);
    expect(csv).not.toContain(";Користувачі;");
    await context.close();
  });
}
