import { describe, expect, it } from "vitest";
import {
  cleanEnterpriseCode,
  formatReference,
  isWellFormedReference,
  isValidEdrpou,
  isValidEnterpriseCode,
  isValidRnokpp,
  normalizeUkrainianPhone,
  referenceYear,
} from "~/domain/enterprises/identifiers";

// Every valid code below was worked out by hand, independently of the module:
//   EDRPOU d1..d8: S = Σ wᵢ·dᵢ (i = 1..7), weights 1,2,3,4,5,6,7 — or 7,1,2,3,4,5,6 when the
//   whole code is between 30,000,000 and 60,000,000. check = S mod 11; if that is 10, add 2 to
//   every weight and recompute; if it is 10 again, check = 0.
//   RNOKPP d1..d10: S = Σ wᵢ·dᵢ (i = 1..9), weights -1,5,7,9,4,6,10,5,7; check = (S mod 11) mod 10.

describe("isValidEdrpou", () => {
  const valid: [code: string, working: string][] = [
    // weights 1..7 (code below 30,000,000)
    ["12345678", "1·1+2·2+3·3+4·4+5·5+6·6+7·7 = 1+4+9+16+25+36+49 = 140; 140 mod 11 = 8"],
    ["14360570", "1·1+4·2+3·3+6·4+0·5+5·6+7·7 = 1+8+9+24+0+30+49 = 121; 121 mod 11 = 0"],
    ["20077720", "2·1+0+0+7·4+7·5+7·6+2·7 = 2+28+35+42+14 = 121; 121 mod 11 = 0"],
    ["29999993", "2·1+9·2+9·3+9·4+9·5+9·6+9·7 = 2+18+27+36+45+54+63 = 245; 245 mod 11 = 3"],
    // weights 1..7 (code above 60,000,000)
    ["65432101", "6·1+5·2+4·3+3·4+2·5+1·6+0·7 = 6+10+12+12+10+6+0 = 56; 56 mod 11 = 1"],
    ["60000006", "6·1 = 6; 6 mod 11 = 6 (60,000,006 > 60,000,000, so the 1..7 weights)"],
    // weights 7,1,2,3,4,5,6 (code between 30,000,000 and 60,000,000)
    ["34123457", "3·7+4·1+1·2+2·3+3·4+4·5+5·6 = 21+4+2+6+12+20+30 = 95; 95 mod 11 = 7"],
    ["40075815", "4·7+0·1+0·2+7·3+5·4+8·5+1·6 = 28+0+0+21+20+40+6 = 115; 115 mod 11 = 5"],
    // second pass (weights + 2), 1..7 branch: weights 3..9
    ["10000062", "1·1+6·7 = 43; 43 mod 11 = 10 → 1·3+6·9 = 3+54 = 57; 57 mod 11 = 2"],
    // second pass, 7,1..6 branch: weights 9,3,4,5,6,7,8
    ["40001009", "4·7+1·4 = 32; 32 mod 11 = 10 → 4·9+1·6 = 36+6 = 42; 42 mod 11 = 9"],
    // second pass gives 10 again → 0
    ["20000090", "2·1+9·7 = 65; 65 mod 11 = 10 → 2·3+9·9 = 6+81 = 87; 87 mod 11 = 10 → 0"],
  ];

  it.each(valid)("accepts %s (%s)", (code) => {
    expect(isValidEdrpou(code)).toBe(true);
  });

  // Each valid code with its check digit changed.
  it.each(["12345679", "14360571", "20077729", "29999994", "65432100", "60000007", "34123458", "40075816", "10000063", "40001008", "20000091"])(
    "rejects %s (wrong check digit)",
    (code) => {
      expect(isValidEdrpou(code)).toBe(false);
    },
  );

  it("uses the weight set that matches the code's range", () => {
    // 2999999x with the 7,1..6 weights would be 2·7+9·1+9·2+9·3+9·4+9·5+9·6 = 203; 203 mod 11 = 5.
    expect(isValidEdrpou("29999995")).toBe(false);
    // 6000000x with the 7,1..6 weights would be 6·7 = 42; 42 mod 11 = 9.
    expect(isValidEdrpou("60000009")).toBe(false);
    // 3412345x with the 1..7 weights would be 3+8+3+8+15+24+35 = 96; 96 mod 11 = 8.
    expect(isValidEdrpou("34123458")).toBe(false);
  });

  it("does not take a remainder of 10 as check digit 0 without the second pass", () => {
    // 1000006x: first pass 10, second pass 2 — so 0 is wrong.
    expect(isValidEdrpou("10000060")).toBe(false);
    // 4000100x: first pass 10, second pass 9.
    expect(isValidEdrpou("40001000")).toBe(false);
  });

  it.each(["", "1234567", "123456789", "1234567A", "A2345678", "1234 567", " 12345678", "12345678 ", "1234-5678", "+1234567", "1.345678"])(
    "rejects %j (not exactly 8 digits)",
    (code) => {
      expect(isValidEdrpou(code)).toBe(false);
    },
  );
});

describe("isValidRnokpp", () => {
  const valid: [code: string, working: string][] = [
    ["1234567899", "-1+2·5+3·7+4·9+5·4+6·6+7·10+8·5+9·7 = -1+10+21+36+20+36+70+40+63 = 295; 295 mod 11 = 9; 9 mod 10 = 9"],
    ["2895103454", "-2+8·5+9·7+5·9+1·4+0·6+3·10+4·5+5·7 = -2+40+63+45+4+0+30+20+35 = 235; 235 mod 11 = 4"],
    ["1234567860", "-1+10+21+36+20+36+70+40+6·7 = 274; 274 mod 11 = 10; 10 mod 10 = 0"],
    ["9000000002", "9·(-1) = -9; -9 mod 11 = 2 (mathematical modulus)"],
  ];

  it.each(valid)("accepts %s (%s)", (code) => {
    expect(isValidRnokpp(code)).toBe(true);
  });

  it.each(["1234567898", "2895103455", "1234567861", "9000000003", "9000000000"])("rejects %s (wrong check digit)", (code) => {
    expect(isValidRnokpp(code)).toBe(false);
  });

  it.each(["", "123456789", "12345678999", "12345678", "123456789A", "A234567899", "12345 67899", "1234567899 "])(
    "rejects %j (not exactly 10 digits)",
    (code) => {
      expect(isValidRnokpp(code)).toBe(false);
    },
  );
});

describe("isValidEnterpriseCode", () => {
  it("accepts a valid 8-digit EDRPOU and a valid 10-digit RNOKPP", () => {
    expect(isValidEnterpriseCode("12345678")).toBe(true);
    expect(isValidEnterpriseCode("40075815")).toBe(true);
    expect(isValidEnterpriseCode("1234567899")).toBe(true);
    expect(isValidEnterpriseCode("2895103454")).toBe(true);
  });

  it("rejects either kind with a wrong check digit", () => {
    expect(isValidEnterpriseCode("12345679")).toBe(false);
    expect(isValidEnterpriseCode("1234567898")).toBe(false);
  });

  it.each(["", "1234567", "123456789", "12345678901", "abcdefgh", "abcdefghij", "1234 5678"])("rejects %j (neither 8 nor 10 digits)", (code) => {
    expect(isValidEnterpriseCode(code)).toBe(false);
  });
});

describe("cleanEnterpriseCode", () => {
  it("removes spaces, dashes and dots", () => {
    expect(cleanEnterpriseCode(" 1234 5678 ")).toBe("12345678");
    expect(cleanEnterpriseCode("123-456-78.99")).toBe("1234567899");
  });
});

describe("normalizeUkrainianPhone", () => {
  it.each([
    "067 123 45 67",
    "(067) 123-45-67",
    "+38 067 1234567",
    "+380671234567",
    "380671234567",
    "8 067 123 45 67",
    "671234567",
    "  +380 67 123 45 67  ",
    "067.123.45.67",
  ])("normalises %j to +380671234567", (input) => {
    expect(normalizeUkrainianPhone(input)).toBe("+380671234567");
  });

  it("keeps the operator code it is given", () => {
    expect(normalizeUkrainianPhone("050 987 65 43")).toBe("+380509876543");
    expect(normalizeUkrainianPhone("044 234 56 78")).toBe("+380442345678");
  });

  it.each([
    ["letters", "067 123 45 6a"],
    ["letters only", "phone"],
    ["too short", "067 123 45 6"],
    ["too short (8 digits)", "67123456"],
    ["too long", "067 123 45 678"],
    ["too long (international)", "+380 67 123 45 678"],
    ["a US number", "+1 202 555 0100"],
    ["11 digits not starting 80", "81 671 234 567"],
    ["the old 8 prefix with a plus", "+8 067 123 45 67"],
    ["all zeros", "0000000000"],
    ["empty", ""],
    ["blank", "   "],
    ["9 digits with a plus", "+671234567"],
    ["national format with a plus", "+0671234567"],
  ])("rejects %s: %j", (_label, input) => {
    expect(normalizeUkrainianPhone(input)).toBeNull();
  });
});

describe("request references", () => {
  it("number each Kyiv year from 1 with at least six digits", () => {
    expect(formatReference(2026, 123)).toBe("RRC-2026-000123");
    expect(formatReference(2026, 1_234_567)).toBe("RRC-2026-1234567");
    for (const reference of [formatReference(2026, 1), formatReference(2026, 1_234_567)]) expect(isWellFormedReference(reference)).toBe(true);
  });

  it("take the year in Kyiv, not UTC: half past midnight on 1 January there is still 31 December in UTC", () => {
    expect(referenceYear(new Date("2026-12-31T22:30:00Z"))).toBe(2027);
    expect(referenceYear(new Date("2026-12-31T21:59:59Z"))).toBe(2026);
  });
});
