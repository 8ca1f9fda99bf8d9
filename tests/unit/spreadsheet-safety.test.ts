import { describe, expect, it } from "vitest";
import { FORMULA_TRIGGERS, neutraliseCell, safeCell } from "~/domain/report/spreadsheet-safety";

describe("neutraliseCell", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
    ["+380671234567", "'+380671234567"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
  ])("turns %j into text", (value, safe) => {
    expect(neutraliseCell(value)).toBe(safe);
  });

  it("covers exactly the characters spreadsheets treat as a formula start", () => {
    expect([...FORMULA_TRIGGERS].sort()).toEqual(["\t", "\r", "+", "-", "=", "@"].sort());
    for (const c of FORMULA_TRIGGERS) expect(neutraliseCell(`${c}x`)).toBe(`'${c}x`);
  });

  it.each(["Київ", "", "a=b", "1+1", "ТОВ «Граніт» — 20 т", " =1+1", "'already quoted", "RRC-2026-000001"])("leaves %j alone", (value) => {
    expect(neutraliseCell(value)).toBe(value);
  });
});

describe("safeCell", () => {
  it("only touches text", () => {
    const date = new Date("2026-03-23T10:00:00Z");
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(date)).toBe(date);
    expect(safeCell(null)).toBeNull();
    expect(safeCell(true)).toBe(true);
    expect(safeCell("-5")).toBe("'-5");
  });
});
