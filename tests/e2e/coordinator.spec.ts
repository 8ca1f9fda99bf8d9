import { DEMO_PASSWORD, expect, fillIntake, signIn, test } from "./fixtures";

test("a coordinator finds a new request, asks for information, gets the answer and hands it to the recommended cluster", async ({ browser }) => {
  // The enterprise files an energy request in Kharkiv.
  const enterprise = await browser.newPage();
  await enterprise.goto("/requests/new");
  await fillIntake(enterprise, { title: "Генератор для цеху після обстрілу" });
  await enterprise.getByLabel("Категорія").selectOption("ENERGY");
  await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
  const statusLink = (await enterprise.getByTestId("status-link").textContent())!.trim();

  // The coordinator filters the queue to new energy requests and finds it.
  const context = await browser.newContext();
  await signIn(context, "coordinator@rrc.example");
  const page = await context.newPage();
  await page.goto("/queue");
  await expect(page.getByRole("heading", { name: "Черга запитів" })).toBeVisible();
  const filters = page.getByRole("form", { name: "Фільтри" });
  await filters.getByLabel("Категорія").selectOption("ENERGY");
  await filters.getByRole("checkbox", { name: "Новий" }).check();
  await filters.getByLabel("Пошук").fill("генератор для цеху після");
  await filters.getByRole("button", { name: "Застосувати" }).click();
  await expect(page).toHaveURL(/category=ENERGY/);
  await expect(page).toHaveURL(/status=NEW/);
  const row = page.getByRole("row").filter({ hasText: reference });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Енергозабезпечення");
  await row.getByRole("link", { name: reference }).click();

  // It asks the enterprise a question.
  await expect(page.getByRole("heading", { name: new RegExp(reference) })).toBeVisible();
  await page.locator("summary", { hasText: "Запитати інформацію" }).click();
  await page.getByLabel("Запитання до підприємства").fill("Яка потужність генератора потрібна, кВт?");
  await page.getByRole("button", { name: "Запитати інформацію" }).click();
  await expect(page).toHaveURL(/done=requestInfo/);
  await expect(page.getByText("Готово.")).toBeVisible();
  await expect(page.locator(".status-badge")).toHaveText("Чекає на підприємство");

  // The enterprise sees the question on its status page and answers it.
  await enterprise.goto(statusLink);
  await expect(enterprise.getByText("Потрібна ваша відповідь")).toBeVisible();
  await expect(enterprise.getByText("Яка потужність генератора потрібна, кВт?").first()).toBeVisible();
  await enterprise.getByLabel("Повідомлення").fill("Потрібно 100 кВт, трифазний.");
  await enterprise.getByRole("button", { name: "Надіслати", exact: true }).click();
  await expect(enterprise.getByText("Дякуємо, відповідь надіслано.", { exact: false })).toBeVisible();

  // Back with the coordinator: the answer is there, and the recommendation explains itself.
  await page.reload();
  await expect(page.locator(".status-badge")).toHaveText("Новий");
  await expect(page.locator("ol.timeline")).toContainText("Потрібно 100 кВт, трифазний.");
  const top = page.getByTestId("recommendation").first();
  await expect(top).toContainText("Працює з цією категорією запитів");
  await expect(top).toContainText("Працює в області запиту");
  const recommended = (await top.locator("strong").textContent())!.trim();
  await top.getByRole("button", { name: /Передати цьому кластеру/ }).click();
  await expect(page).toHaveURL(/done=assign/);
  await expect(page.locator(".status-badge")).toHaveText("Передано кластеру");
  await expect(page.locator("ol.timeline")).toContainText(`Запит передано кластеру — ${recommended}`);

  // The enterprise sees that it was handed on, but not the internal details.
  await enterprise.goto(statusLink);
  await expect(enterprise.getByText("Передано кластеру").first()).toBeVisible();
  await context.close();
});

test("an anonymous visitor to the queue is sent to sign in and back", async ({ page }) => {
  await page.goto("/queue?category=ENERGY");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.getByLabel("Електронна пошта").fill("coordinator2@rrc.example");
  await page.getByLabel("Пароль").fill("demo-password-2026");
  await page.getByRole("button", { name: "Увійти" }).click();
  await expect(page).toHaveURL(/\/queue\?category=ENERGY$/);
  await expect(page.getByRole("heading", { name: "Черга запитів" })).toBeVisible();
});

test("signing in through the form lands on the queue in full, with no script errors", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/login?redirectTo=%2Fqueue");
  await page.getByLabel("Електронна пошта").fill("coordinator@rrc.example");
  await page.getByLabel("Пароль").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Увійти" }).click();
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole("heading", { name: "Черга запитів" })).toBeVisible();
  // Staff strings arrived (a missing one would show as its key, e.g. "queue.next").
  await expect(page.locator("main")).not.toContainText(/\b(queue|col|nav|staffStatus)\.[a-zA-Z]+/);
  // A row's link opens the request inside the app.
  const first = page.locator("table.queue tbody a").first();
  const reference = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { name: new RegExp(reference) })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(/\b(request|queue|col)\.[a-zA-Z]+\b/);
  expect(errors).toEqual([]);
});

test("a signed-in page whose strings did not arrive stays as the server rendered it", async ({ browser }) => {
  const context = await browser.newContext();
  await signIn(context, "coordinator@rrc.example");
  const page = await context.newPage();
  await page.route("**/i18n/staff/**", (route) => route.abort());
  await page.goto("/queue");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { name: "Черга запитів" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(/\b(queue|col|staffStatus)\.[a-zA-Z]+/);
  // Still usable as plain links and forms.
  const first = page.locator("table.queue tbody a").first();
  const reference = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { name: new RegExp(reference) })).toBeVisible();
  await context.close();
});
