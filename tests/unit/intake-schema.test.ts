import { afterEach, describe, expect, it, vi } from "vitest";
import { DESCRIPTION_MAX, DESCRIPTION_MIN, IntakeSchema, kyivToday } from "~/schemas/intake";

// The form sends strings; after Conform's coercion an empty field is absent (undefined), the
// consent checkbox is a boolean and the destination regions are an array.
type Submission = Record<string, unknown>;

function validSubmission(overrides: Submission = {}): Submission {
  return {
    enterpriseName: "ТОВ «Приклад Машинобудування»",
    edrpou: "1234 5678", // 12345678: 1+4+9+16+25+36+49 = 140, 140 mod 11 = 8 ✓
    contactName: "Олена Коваль",
    phone: "(067) 123-45-67",
    email: "  Olena.Koval@Example.COM ",
    region: "UA-46",
    city: "Львів",
    sector: "H",
    category: "LOGISTICS",
    urgency: "HIGH",
    title: "Потрібен транспорт для обладнання",
    description: "Потрібно перевезти два верстати з Харкова до Львова до кінця місяця.",
    neededBy: "2099-12-31",
    consent: true,
    destinationRegions: ["UA-30", "UA-32"],
    ...overrides,
  };
}

function without(field: string, base = validSubmission()): Submission {
  const copy = { ...base };
  delete copy[field];
  return copy;
}

/** Field → error message keys, for a failed parse (empty object when it passed). */
function errorsOf(input: Submission): Record<string, string[]> {
  const result = IntakeSchema.safeParse(input);
  const errors: Record<string, string[]> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "(form)";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/** The error keys of a submission that is valid apart from `field`. */
function fieldErrors(field: string, input: Submission) {
  const errors = errorsOf(input);
  // Only the field under test fails.
  expect(Object.keys(errors)).toEqual([field]);
  return errors[field] ?? [];
}

afterEach(() => {
  vi.useRealTimers();
});

describe("IntakeSchema: a valid submission", () => {
  it("passes and is normalised", () => {
    const result = IntakeSchema.safeParse(validSubmission());
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data).toMatchObject({
      enterpriseName: "ТОВ «Приклад Машинобудування»",
      edrpou: "12345678",
      phone: "+380671234567",
      email: "olena.koval@example.com",
      region: "UA-46",
      category: "LOGISTICS",
      urgency: "HIGH",
      neededBy: "2099-12-31",
      consent: true,
      destinationRegions: ["UA-30", "UA-32"],
    });
  });

  it("trims text fields", () => {
    const result = IntakeSchema.safeParse(validSubmission({ enterpriseName: "  ТОВ Альфа  ", city: " Київ " }));
    expect(result.success && result.data.enterpriseName).toBe("ТОВ Альфа");
    expect(result.success && result.data.city).toBe("Київ");
  });

  it("accepts a sole proprietor's 10-digit tax number with spaces and dashes", () => {
    // 1234567899: -1+10+21+36+20+36+70+40+63 = 295, 295 mod 11 = 9 ✓
    const result = IntakeSchema.safeParse(validSubmission({ edrpou: "12345-67899 " }));
    expect(result.success && result.data.edrpou).toBe("1234567899");
  });

  it("accepts the other phone spellings", () => {
    for (const phone of ["067 123 45 67", "+38 067 1234567", "380671234567", "8 067 123 45 67", "671234567"]) {
      const result = IntakeSchema.safeParse(validSubmission({ phone }));
      expect(result.success && result.data.phone, phone).toBe("+380671234567");
    }
  });

  it("optional fields may be absent", () => {
    const minimal = validSubmission();
    delete minimal.neededBy;
    delete minimal.destinationRegions;
    expect(errorsOf(minimal)).toEqual({});
  });
});

describe("IntakeSchema: the enterprise's industry", () => {
  it("takes a section alone, or with a class code of that section, typed in any usual way", () => {
    for (const [typed, stored] of [
      ["31.01", "31.01"],
      ["31,01", "31.01"],
      [" 3101 ", "31.01"],
      ["31 .01", "31.01"],
    ]) {
      const result = IntakeSchema.parse(validSubmission({ sector: "C", naceClass: typed }));
      expect(result).toMatchObject({ sector: "C", naceClass: stored });
    }
    expect(IntakeSchema.parse(validSubmission({ sector: "C" })).naceClass).toBeUndefined();
  });

  it("needs no section when the class code names it", () => {
    const result = IntakeSchema.parse(validSubmission({ sector: undefined, naceClass: "55.10" }));
    expect(result.naceClass).toBe("55.10");
    expect(errorsOf(validSubmission({ sector: undefined, naceClass: "55.10" }))).toEqual({});
  });

  it.each(["31", "31.1", "31.011", "xx.yy", "04.10", "34.00", "00.00", "3I.0I"])("refuses the class code %s as not a class of NACE", (typed) => {
    expect(fieldErrors("naceClass", validSubmission({ sector: "C", naceClass: typed }))).toEqual(["naceClass"]);
  });

  it("refuses a class code of another section than the one chosen, naming the code's section", () => {
    expect(fieldErrors("naceClass", validSubmission({ sector: "A", naceClass: "31.01" }))).toEqual(["naceOtherSector:C"]);
  });

  it("refuses a section that is not one of the 21", () => {
    for (const sector of ["V", "c", "CC", "31"]) expect(fieldErrors("sector", validSubmission({ sector }))).toEqual(["choose"]);
  });
});

describe("IntakeSchema: required fields", () => {
  it.each([
    ["enterpriseName", "required"],
    ["edrpou", "required"],
    ["contactName", "required"],
    ["phone", "required"],
    ["email", "required"],
    ["region", "choose"],
    ["city", "required"],
    ["sector", "choose"],
    ["category", "choose"],
    ["urgency", "choose"],
    ["title", "required"],
    ["description", "required"],
    ["consent", "consent"],
  ])("missing %s → %s", (field, key) => {
    expect(fieldErrors(field, without(field))).toEqual([key]);
  });

  it("an empty form reports every required field at once", () => {
    expect(errorsOf({})).toEqual({
      enterpriseName: ["required"],
      edrpou: ["required"],
      contactName: ["required"],
      phone: ["required"],
      email: ["required"],
      region: ["choose"],
      city: ["required"],
      sector: ["choose"],
      category: ["choose"],
      urgency: ["choose"],
      title: ["required"],
      description: ["required"],
      consent: ["consent"],
    });
  });

  it("the category's own field is reported together with the other missing fields", () => {
    const errors = errorsOf({ category: "RELOCATION" });
    expect(errors.productionArea).toEqual(["requiredForCategory"]);
    expect(errors.enterpriseName).toEqual(["required"]);
    expect(errors.category).toBeUndefined();
  });

  it.each([
    ["enterpriseName", "A", "tooShort:2"],
    ["contactName", " O ", "tooShort:2"],
    ["title", "Help", "tooShort:5"],
    ["description", "Too short to act on.".slice(0, 19), "tooShort:20"],
    ["city", "   ", "required"],
  ])("%s %j → %s", (field, value, key) => {
    expect(fieldErrors(field, validSubmission({ [field]: value }))).toEqual([key]);
  });
});

describe("IntakeSchema: field formats", () => {
  it("EDRPOU with a wrong check digit → edrpouChecksum", () => {
    expect(fieldErrors("edrpou", validSubmission({ edrpou: "12345679" }))).toEqual(["edrpouChecksum"]);
    expect(fieldErrors("edrpou", validSubmission({ edrpou: "1234567898" }))).toEqual(["edrpouChecksum"]);
  });

  it.each(["1234567", "123456789", "12345678901", "1234567A", "ЄДРПОУ"])("EDRPOU %j → edrpouFormat first", (edrpou) => {
    expect(fieldErrors("edrpou", validSubmission({ edrpou }))[0]).toBe("edrpouFormat");
  });

  // The code has the wrong number of digits: the checksum message ("fails its check digit —
  // check it for a typo") does not apply and should not be shown next to the format message.
  it("a code of the wrong length gets only the format message", () => {
    expect(fieldErrors("edrpou", validSubmission({ edrpou: "1234567" }))).toEqual(["edrpouFormat"]);
  });

  it.each(["067 123 45 6", "+1 202 555 0100", "0000000000", "telephone", "0".repeat(41)])("phone %j → phone", (phone) => {
    expect(fieldErrors("phone", validSubmission({ phone }))).toEqual(["phone"]);
  });

  it.each(["not-an-email", "olena@", "@example.com", "olena example@example.com"])("email %j → email", (email) => {
    expect(fieldErrors("email", validSubmission({ email }))).toEqual(["email"]);
  });

  it.each([
    ["region", "UA-99"],
    ["category", "GIFTS"],
    ["urgency", "URGENT"],
  ])("%s outside the list (%j) → choose", (field, value) => {
    expect(fieldErrors(field, validSubmission({ [field]: value }))).toEqual(["choose"]);
  });

  it("a destination region outside the list → choose", () => {
    expect(errorsOf(validSubmission({ destinationRegions: ["UA-30", "XX-00"] }))).toEqual({
      "destinationRegions.1": ["choose"],
    });
  });

  it("consent false → consent", () => {
    expect(fieldErrors("consent", validSubmission({ consent: false }))).toEqual(["consent"]);
  });

  it("a needed-by date in the past → datePast", () => {
    expect(fieldErrors("neededBy", validSubmission({ neededBy: "2020-01-01" }))).toEqual(["datePast"]);
  });

  it("a malformed needed-by date → date", () => {
    expect(fieldErrors("neededBy", validSubmission({ neededBy: "31.12.2099" }))[0]).toBe("date");
  });

  it("a malformed needed-by date is reported once", () => {
    expect(fieldErrors("neededBy", validSubmission({ neededBy: "31.12.2099" }))).toEqual(["date"]);
  });

  it.each(["2099-13-01", "2099-02-32"])("an impossible needed-by date %j → date", (neededBy) => {
    expect(fieldErrors("neededBy", validSubmission({ neededBy }))).toEqual(["date"]);
  });

  // Date.parse rolls these over (2099-02-30 → 2099-03-02) instead of refusing them.
  it.each(["2099-02-29", "2099-02-30", "2099-04-31"])("a day that does not exist in its month (%j) → date", (neededBy) => {
    expect(fieldErrors("neededBy", validSubmission({ neededBy }))).toEqual(["date"]);
  });

  it("29 February of a leap year is a real date", () => {
    expect(errorsOf(validSubmission({ neededBy: "2096-02-29" }))).toEqual({});
  });
});

describe("IntakeSchema: description length", () => {
  it("is bounded by 20 and 5000 characters", () => {
    expect(DESCRIPTION_MIN).toBe(20);
    expect(DESCRIPTION_MAX).toBe(5000);
  });

  it.each([
    [19, ["tooShort:20"]],
    [20, undefined],
    [5000, undefined],
    [5001, ["tooLong:5000"]],
  ])("%i characters → %j", (length, expected) => {
    const description = "д".repeat(length);
    expect(errorsOf(validSubmission({ description })).description).toEqual(expected);
  });

  it("counts characters after trimming", () => {
    const description = `   ${"x".repeat(19)}   `;
    expect(fieldErrors("description", validSubmission({ description }))).toEqual(["tooShort:20"]);
  });
});

describe("IntakeSchema: category-specific fields", () => {
  it.each([
    ["RELOCATION", "productionArea"],
    ["SUPPLIES", "supplyItems"],
    ["DEFENCE_ORDER", "defenceProductType"],
  ])("%s without %s → requiredForCategory", (category, field) => {
    expect(fieldErrors(field, validSubmission({ category }))).toEqual(["requiredForCategory"]);
  });

  it("a blank supply list counts as missing", () => {
    expect(fieldErrors("supplyItems", validSubmission({ category: "SUPPLIES", supplyItems: "   " }))).toEqual(["requiredForCategory"]);
  });

  it.each([
    ["RELOCATION", { productionArea: "1200" }],
    ["SUPPLIES", { supplyItems: "Листова сталь, 20 т" }],
    ["DEFENCE_ORDER", { defenceProductType: "Корпуси дронів" }],
  ])("%s with its field passes", (category, extra) => {
    expect(errorsOf(validSubmission({ category, ...extra }))).toEqual({});
  });

  it("other categories need none of them", () => {
    for (const category of ["LOGISTICS", "ENERGY", "EQUIPMENT", "WORKFORCE", "FINANCE", "EXPORT", "OTHER"]) {
      expect(errorsOf(validSubmission({ category })), category).toEqual({});
    }
  });
});

describe("IntakeSchema: decimals as people type them", () => {
  const relocation = (extra: Submission) => validSubmission({ category: "RELOCATION", productionArea: "100", ...extra });

  it.each([
    ["12,5", 12.5],
    ["12.5", 12.5],
    ["1 200,5", 1200.5],
    ["1\u00a0200", 1200],
    [" 0 ", 0],
  ])("productionArea %j → %d", (productionArea, expected) => {
    const result = IntakeSchema.safeParse(relocation({ productionArea }));
    expect(result.success && result.data.productionArea).toBe(expected);
  });

  it("equipmentTonnage accepts a comma decimal too", () => {
    const result = IntakeSchema.safeParse(relocation({ equipmentTonnage: "3,75" }));
    expect(result.success && result.data.equipmentTonnage).toBe(3.75);
  });

  it("refuses what is not a non-negative number", () => {
    expect(fieldErrors("productionArea", relocation({ productionArea: "abc" }))).toEqual(["number"]);
    expect(fieldErrors("productionArea", relocation({ productionArea: "-5" }))).toEqual(["number"]);
  });

  it("refuses numbers over the limit", () => {
    expect(fieldErrors("productionArea", relocation({ productionArea: "10000001" }))).toEqual(["tooLarge:10000000"]);
  });

  it("staff count must be whole", () => {
    const result = IntakeSchema.safeParse(relocation({ staffCount: "45" }));
    expect(result.success && result.data.staffCount).toBe(45);
    expect(fieldErrors("staffCount", relocation({ staffCount: "12,5" }))).toEqual(["wholeNumber"]);
  });
});

describe("kyivToday", () => {
  it.each([
    ["2026-11-26T22:30:00Z", "2026-11-27"], // 00:30 EET
    ["2026-11-26T21:59:59Z", "2026-11-26"], // 23:59:59 EET
    ["2026-06-30T20:59:59Z", "2026-06-30"], // 23:59:59 EEST
    ["2026-06-30T21:00:00Z", "2026-07-01"], // 00:00 EEST
    ["2026-12-31T22:00:00Z", "2027-01-01"], // new year in Kyiv first
  ])("%s is %s in Kyiv", (instant, date) => {
    expect(kyivToday(new Date(instant))).toBe(date);
  });

  it("the needed-by check uses the Kyiv date, not the UTC date", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T22:30:00Z")); // still the 26th in UTC, the 27th in Kyiv
    expect(kyivToday()).toBe("2026-11-27");
    expect(fieldErrors("neededBy", validSubmission({ neededBy: "2026-11-26" }))).toEqual(["datePast"]);
    expect(errorsOf(validSubmission({ neededBy: "2026-11-27" }))).toEqual({});
    expect(errorsOf(validSubmission({ neededBy: "2026-11-28" }))).toEqual({});
  });
});
