import { beforeAll, describe, expect, it, vi } from "vitest";
import { PDF } from "../file-fixtures";
import { buildIntake, intakeFormFields, seededRandom, toFormData } from "../factories";
import { call, formRequest, type RouteHandler } from "./route-helpers";

// The limit is read when the server starts; this file starts it with 3 per minute.
vi.hoisted(() => {
  process.env.INTAKE_RATE_LIMIT = "3/60";
});
let intakeAction: RouteHandler;
beforeAll(async () => {
  ({ action: intakeAction } = await import("~/routes/requests.new"));
});

describe("intake rate limit per address", () => {
  it("answers 429 with a friendly message and the typed values after the limit, per address", async () => {
    const random = seededRandom(99);
    const send = (address: string) => call(intakeAction, formRequest("/requests/new", intakeFormFields(buildIntake(random))), {}, { clientAddress: address });
    for (let i = 0; i < 3; i++) expect((await send("198.51.100.1")).status).toBe(303);
    const refused = await send("198.51.100.1");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused.data.error[""]).toEqual(["tooMany"]);
    expect(refused.data.initialValue.enterpriseName).toMatch(/демо/);
    // Another address is not affected.
    expect((await send("198.51.100.2")).status).toBe(303);
    const { db } = await import("~/data/db.server");
    expect(await db.request.count()).toBe(4);
  });

  it("counts filings with documents too: over the limit, 429 with the typed values, and no file kept", async () => {
    const random = seededRandom(98);
    const { db } = await import("~/data/db.server");
    const send = () => {
      const form = toFormData(intakeFormFields(buildIntake(random)));
      form.append("file", new File([new Uint8Array(PDF)], "акт.pdf"));
      return call(intakeAction, new Request("http://localhost/requests/new", { method: "POST", body: form }), {}, { clientAddress: "198.51.100.3" });
    };
    for (let i = 0; i < 3; i++) expect((await send()).status).toBe(303);
    const files = await db.requestFile.count();
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.data.initialValue.enterpriseName).toMatch(/демо/);
    expect(await db.requestFile.count()).toBe(files);
  });
});
