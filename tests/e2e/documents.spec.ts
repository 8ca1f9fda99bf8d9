import sharp from "sharp";
import { expect, fillIntake, signIn, test } from "./fixtures";

/** A phone photo: sideways (EXIF orientation 6), with the camera and GPS in its EXIF. */
function phonePhoto() {
  return sharp({ create: { width: 900, height: 600, channels: 3, background: "#7a4" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: "SecretCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "50/1 27/1 1234/100" } })
    .toBuffer();
}

for (const javaScriptEnabled of [true, false]) {
  test(`a photo added on the status page shows as a thumbnail there and on the request page (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const enterprise = await browser.newContext({ javaScriptEnabled });
    const page = await enterprise.newPage();
    await page.goto("/requests/new");
    await fillIntake(page, { title: "Потрібен ремонт даху цеху" });
    await page.getByRole("button", { name: "Надіслати запит" }).click();
    const reference = (await page.getByTestId("reference").textContent())!.trim();
    const statusLink = (await page.getByTestId("status-link").textContent())!.trim();

    await page.goto(statusLink);
    await page.getByLabel("Додати файли").setInputFiles({ name: "дах.jpg", mimeType: "image/jpeg", buffer: await phonePhoto() });
    await page.getByRole("button", { name: "Завантажити" }).click();
    await expect(page.getByText("Файлів додано: 1.")).toBeVisible();

    const thumbnail = page.getByRole("img", { name: "Зменшене фото «дах.jpg»" });
    await expect(thumbnail).toBeVisible();
    // Loaded through its scoped route (an attachment, sandboxed) and upright: taller than wide.
    const size = await thumbnail.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
    expect(size).toEqual({ width: 213, height: 320 });
    await expect(page.getByRole("link", { name: "дах.jpg" })).toBeVisible();
    await enterprise.close();

    const staff = await browser.newContext({ javaScriptEnabled });
    await signIn(staff, "coordinator@rrc.example");
    const requestPage = await staff.newPage();
    await requestPage.goto(`/requests/${reference}`);
    const onRequestPage = requestPage.getByRole("img", { name: "Зменшене фото «дах.jpg»" });
    await expect(onRequestPage).toBeVisible();
    expect(await onRequestPage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(213);
    await staff.close();
  });
}
