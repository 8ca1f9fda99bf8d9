import { expect, signIn, test } from "./fixtures";

test.use({ viewport: { width: 360, height: 640 } });

// The charts were SVG drawings scaled down to the phone: their 13 px words became 6 px, names
// longer than 30 characters were cut with "…", and the flow chart's tallest number was drawn
// above the top of its picture, where nothing shows.
test("on a phone, the dashboard's charts read in full: every word and number at a readable size, none cut or hidden", async ({ context, page }) => {
  await signIn(context, "coordinator@rrc.example");
  await page.goto("/dashboard");
  const charts = page.locator("figure.chart");
  await expect(charts).toHaveCount(7);
  const problems: string[] = [];
  for (const chart of await charts.all()) {
    await chart.scrollIntoViewIfNeeded();
    problems.push(
      ...(await chart.evaluate((figure) => {
        const found: string[] = [];
        const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent!.trim();
          if (!text) continue;
          if (text.includes("…")) found.push(`cut: ${text}`);
          const range = document.createRange();
          range.selectNodeContents(node);
          const box = range.getBoundingClientRect();
          // The height of a line of text: 12 px and less is too small to read on a phone.
          if (box.height < 13) found.push(`${box.height.toFixed(1)} px high: ${text}`);
          node.parentElement!.scrollIntoView({ block: "center" });
          const shown = range.getBoundingClientRect();
          const at = document.elementFromPoint(shown.left + shown.width / 2, shown.top + shown.height / 2);
          if (!at || !(at === node.parentElement || node.parentElement!.contains(at) || at.contains(node))) found.push(`not shown: ${text}`);
        }
        return found;
      })),
    );
  }
  expect(problems).toEqual([]);
  // The cluster chart names each cluster in full, however long its name.
  const clusterNames = await page.locator("figure.chart").nth(2).locator("tbody th").allTextContents();
  expect(clusterNames).toContain("Асоціація підприємств промислової автоматизації України");
  // The industry chart names each NACE section in full, manufacturing first in the demo data.
  const industry = page.locator("figure.chart", { hasText: "Відкриті запити за галузями (КВЕД)" });
  await expect(industry.locator("tbody th").first()).toHaveText("C — Переробна промисловість");
});
