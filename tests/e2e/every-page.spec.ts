// Each role walks every page it may open, in both languages, with forms sent wrong so their
// errors show (in Ukrainian; the English pass only looks), and with JavaScript off (the HTML as
// the server sends it). Each test here checks
// what a person would see first; the pages themselves are then checked whole, with every other
// page the browser tests visit, by tests/e2e/visited-pages.check.ts (valid HTML, axe, 360 px).
import type { Browser, Page } from "@playwright/test";
import { expect, fillIntake, signIn, test } from "./fixtures";

async function visitor(browser: Browser, email: string | null, lang: "uk" | "en" = "uk") {
  const context = await browser.newContext({ javaScriptEnabled: false });
  if (lang === "en") await context.addCookies([{ name: "lang", value: "en", url: test.info().project.use.baseURL! }]);
  if (email) await signIn(context, email);
  return context.newPage();
}

/** Unfolds an action's form on a request page. */
async function openAction(page: Page, intent: string) {
  const details = page.locator("details", { has: page.locator(`#action-${intent}`) });
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
}

/** Opens a page and checks it answered with the status and heading a person expects. */
async function open(page: Page, path: string, heading: string | RegExp, status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
}

test("an enterprise: the home page, the form sent wrong, its private page and a message sent empty", async ({ browser }) => {
  for (const lang of ["uk", "en"] as const) {
    const page = await visitor(browser, null, lang);
    await open(page, "/", lang === "uk" ? "Потрібна допомога підприємству?" : "Does your enterprise need help?");
    await open(page, "/no-such-page", lang === "uk" ? "Сторінку не знайдено" : "Page not found", 404);
    await open(page, "/login", lang === "uk" ? "Вхід для працівників Центру" : "Staff sign-in");
    await page.getByLabel(lang === "uk" ? "Електронна пошта" : "Email").fill("nobody@rrc.example");
    await page.getByLabel(lang === "uk" ? "Пароль" : "Password").fill("not-the-password");
    await page.getByRole("button", { name: lang === "uk" ? "Увійти" : "Sign in" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await open(page, "/s/lost", lang === "uk" ? "Втратили посилання на запит?" : "Lost the link to your request?");
    await open(page, "/forgot-password", lang === "uk" ? "Відновлення пароля" : "Password reset");
    await page.goto("/reset-password/not-a-link-we-sent");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(lang === "uk" ? "Посилання недійсне" : "This link does not work");
    await page.context().close();
  }
  const page = await visitor(browser, null);
  await page.goto("/requests/new");
  await page.getByRole("button", { name: "Надіслати запит" }).click();
  await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
  await fillIntake(page, { title: "Прохід сторінками: запит підприємства" });
  await page.getByRole("button", { name: "Надіслати запит" }).click();
  await expect(page.getByRole("heading", { name: "Запит прийнято" })).toBeVisible();
  await page.goto((await page.getByTestId("status-link").textContent())!.trim());
  await page.getByRole("button", { name: "Надіслати", exact: true }).click();
  await expect(page.locator("[aria-invalid=true]")).toBeVisible();
  await page.context().close();
});

test("a coordinator: the queue, a request with its actions refused, the dashboard, reports, and pages not theirs", async ({ browser }) => {
  for (const lang of ["uk", "en"] as const) {
    const page = await visitor(browser, "coordinator@rrc.example", lang);
    const uk = lang === "uk";
    await open(page, "/queue?size=50", uk ? "Черга запитів" : "Request queue");
    if (uk) await open(page, "/queue?q=такого-запиту-немає", "Черга запитів");
    await page.goto("/queue?status=NEW&sort=created&dir=desc");
    await page.locator("table.queue tbody a").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/RRC-\d{4}-\d{6}/);
    const requestPath = new URL(page.url()).pathname;
    // Its enterprise's page and its print view, then back.
    await page.locator("main a[href^='/enterprises/']").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(uk ? "ЄДРПОУ" : "EDRPOU");
    await page.goto(`${requestPath}/print`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/RRC-\d{4}-\d{6}/);
    await page.goto(requestPath);
    if (uk) {
      // Sent without the reason it needs, and with a duplicate that does not exist.
      await openAction(page, "reject");
      await page.locator("#action-reject").getByRole("button").click();
      await expect(page.locator("#action-reject [aria-invalid=true]")).toBeVisible();
      await openAction(page, "markDuplicate");
      await page.locator("#action-markDuplicate").getByRole("textbox").first().fill("RRC-2000-999999");
      await page.locator("#action-markDuplicate").getByRole("button").click();
      await expect(page.locator("#action-markDuplicate .errors")).toBeVisible();
    }
    await open(page, "/requests/RRC-2000-999999", uk ? "Сторінку не знайдено" : "Page not found", 404);
    await open(page, "/dashboard", uk ? "Огляд" : "Dashboard");
    await open(page, "/reports", uk ? "Тижневий звіт" : "Weekly report");
    await open(page, "/account/notifications", uk ? "Сповіщення електронною поштою" : "Email notifications");
    if (uk) {
      // Saved as it is: the page then says so.
      await page.getByRole("button", { name: "Зберегти" }).click();
      await expect(page.getByRole("status")).toBeVisible();
    }
    await open(page, "/account", uk ? "Мій обліковий запис" : "My account");
    await open(page, "/admin", uk ? "Немає доступу" : "Not allowed", 403);
    await open(page, "/no-such-page", uk ? "Сторінку не знайдено" : "Page not found", 404);
    await page.context().close();
  }
});

test("a cluster member: the cluster's requests, one of them with a decline sent without its reason, reports", async ({ browser }) => {
  for (const lang of ["uk", "en"] as const) {
    const page = await visitor(browser, "member.kyiv-iam@rrc.example", lang);
    const uk = lang === "uk";
    await open(page, "/cluster", uk ? "Київський IAM-кластер" : /Kyiv/);
    await page.locator("table.queue tbody a").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/RRC-\d{4}-\d{6}/);
    await page.goto(`${new URL(page.url()).pathname}/print`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/RRC-\d{4}-\d{6}/);
    await page.goBack();
    const decline = page.locator("#action-decline");
    if (uk && (await decline.count())) {
      await openAction(page, "decline");
      await decline.getByRole("button").click();
      await expect(page.locator("#action-decline [aria-invalid=true]")).toBeVisible();
      // The reason's error is the field's own description, as on every other form (one field kit).
      const reason = decline.getByRole("textbox");
      await expect(reason).toHaveAccessibleDescription(await decline.locator(".errors").innerText());
      await expect(reason).toHaveAccessibleName(/Причина/);
    }
    await open(page, "/reports", uk ? "Тижневий звіт" : "Weekly report");
    await open(page, "/account/notifications", uk ? "Сповіщення електронною поштою" : "Email notifications");
    await open(page, "/account", uk ? "Мій обліковий запис" : "My account");
    await open(page, "/queue", uk ? "Немає доступу" : "Not allowed", 403);
    await page.context().close();
  }
});

test("an admin: every administration page, each form sent empty, and the staff pages", async ({ browser }) => {
  for (const lang of ["uk", "en"] as const) {
    const page = await visitor(browser, "admin@rrc.example", lang);
    const uk = lang === "uk";
    await open(page, "/admin", uk ? "Адміністрування" : "Administration");
    await open(page, "/admin/clusters", uk ? "Кластери" : "Clusters");
    if (uk) {
      await page.locator("#cluster-create").getByRole("button").click();
      await expect(page.locator("#cluster-create [aria-invalid=true]").first()).toBeVisible();
    }
    await page.goto("/admin/clusters/kyiv-iam");
    if (uk) {
      await page.locator("form[id^=cluster-kyiv-iam] input[name=nameUk]").fill("");
      await page.locator("form[id^=cluster-kyiv-iam]").getByRole("button").click();
      await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
    }
    await open(page, "/admin/users", uk ? "Користувачі" : "Users");
    if (uk) {
      await page.locator("#user-create").getByRole("button").click();
      await expect(page.locator("#user-create [aria-invalid=true]").first()).toBeVisible();
    }
    await page.locator("main a[href^='/admin/users/']").first().click();
    if (uk) {
      await page.locator("form[id^=user-] input[name=name]").fill("");
      await page.locator("form[id^=user-]").getByRole("button").first().click();
      await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
    }
    await open(page, "/admin/outbox", uk ? "Вихідні повідомлення" : "Outgoing messages");
    await open(page, "/admin/outbox?status=FAILED", uk ? "Вихідні повідомлення" : "Outgoing messages");
    await open(page, "/admin/exports", uk ? "Журнал вивантажень звітів" : "Report export log");
    await open(page, "/admin/audit", uk ? "Журнал змін адміністрування" : "Administration change log");
    await open(page, "/admin/replies", uk ? "Шаблони відповідей" : "Reply templates");
    if (uk) {
      const create = page.locator("form", { has: page.getByRole("button", { name: "Створити шаблон" }) });
      await create.getByRole("button", { name: "Створити шаблон" }).click();
      await expect(create.locator("[aria-invalid=true]").first()).toBeVisible();
      await create.getByLabel("Назва українською").fill("Прохід сторінками");
      await create.getByLabel("Текст українською").fill("Щодо запиту {reference}: дякуємо.");
      await create.getByLabel("Назва англійською").fill("Page walk");
      await create.getByLabel("Текст англійською").fill("About {reference}: thank you.");
      await create.getByRole("button", { name: "Створити шаблон" }).click();
      await expect(page.getByRole("status")).toBeVisible();
    }
    await page.locator("main a[href^='/admin/replies/']").first().click();
    await expect(page.getByRole("heading", { level: 1 })).not.toBeEmpty();
    if (uk) {
      // The staff pages, as an admin sees them (the coordinator's walk has them in both languages).
      await open(page, "/queue", "Черга запитів");
      await page.locator("table.queue tbody a").first().click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(/RRC-\d{4}-\d{6}/);
      await open(page, "/dashboard", "Огляд");
      await open(page, "/reports", "Тижневий звіт");
      await open(page, "/account/notifications", "Сповіщення електронною поштою");
    }
    await page.context().close();
  }
});
