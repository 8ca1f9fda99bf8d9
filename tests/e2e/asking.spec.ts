import type { Browser } from "@playwright/test";
import { expect, fillIntake, signIn, test } from "./fixtures";

async function staffPage(browser: Browser, email: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  await signIn(context, email);
  return context.newPage();
}

for (const javaScriptEnabled of [true, false]) {
  test(`a cluster member asks the enterprise while working on a request; the answer takes it back in progress (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const enterprise = await browser.newPage();
    await enterprise.goto("/requests/new");
    await fillIntake(enterprise, { title: "Потрібна сталь для каркаса цеху" });
    await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
    const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
    const statusLink = (await enterprise.getByTestId("status-link").textContent())!.trim();

    const coordinator = await staffPage(browser, "coordinator@rrc.example", javaScriptEnabled);
    await coordinator.goto(`/requests/${reference}`);
    await coordinator.getByLabel("Або оберіть кластер зі списку").selectOption({ label: "Київський IAM-кластер" });
    await coordinator.getByRole("button", { name: "Передати кластеру", exact: true }).click();
    await expect(coordinator).toHaveURL(/done=assign/);

    const member = await staffPage(browser, "member.kyiv-iam@rrc.example", javaScriptEnabled);
    await member.goto(`/requests/${reference}`);
    await member.locator("summary", { hasText: "Прийняти в роботу" }).click();
    await member.getByRole("button", { name: "Прийняти в роботу" }).click();
    await expect(member).toHaveURL(/done=accept/);
    const ask = member.locator("details", { has: member.locator("summary", { hasText: "Запитати інформацію" }) });
    await ask.locator("summary").click();
    await ask.getByLabel("Запитання до підприємства").fill("Яка марка сталі і скільки тонн?");
    await ask.getByRole("button", { name: "Запитати інформацію" }).click();
    await expect(member).toHaveURL(/done=requestInfo/);
    await expect(member.locator(".status-badge")).toHaveText("Чекає на підприємство");
    await expect(member.getByTestId("info-waiting")).toContainText("Ваше запитання:");
    await expect(member.getByTestId("info-waiting")).toContainText("«У роботі»");

    // Still in the cluster's own list while it waits.
    await member.goto(`/cluster?q=${reference}`);
    await expect(member.getByRole("row").filter({ hasText: reference })).toContainText("Чекає на підприємство");

    // The enterprise sees the question and answers it.
    await enterprise.goto(statusLink);
    await expect(enterprise.getByText("Потрібна ваша відповідь")).toBeVisible();
    await expect(enterprise.locator("blockquote")).toContainText("Яка марка сталі і скільки тонн?");
    await expect(enterprise.locator("ol.timeline")).toContainText("Кластер");
    await enterprise.getByLabel("Повідомлення").fill("Сталь С245, 12 тонн.");
    await enterprise.getByRole("button", { name: "Надіслати", exact: true }).click();
    await expect(enterprise.getByText("Її отримає той, хто питав", { exact: false })).toBeVisible();

    // Back in progress; the answer is addressed to the member who asked.
    await member.goto(`/requests/${reference}`);
    await expect(member.locator(".status-badge")).toHaveText("У роботі");
    const answered = member.getByTestId("info-answered");
    await expect(answered).toContainText("Підприємство відповіло на ваше запитання");
    await expect(answered).toContainText("Сталь С245, 12 тонн.");
    await expect(member.locator("summary", { hasText: "Позначити виконаним" })).toBeVisible();

    // The coordinator reads whose question it answered.
    await coordinator.goto(`/requests/${reference}`);
    await expect(coordinator.getByTestId("info-answered")).toContainText("на запитання від");

    await Promise.all([enterprise.close(), coordinator.context().close(), member.context().close()]);
  });
}
