// Words a reader sees live in the dictionaries (app/i18n/messages/), where each has its English
// beside it. A Ukrainian text written into the code instead would show, untranslated, to a reader
// who chose English; this looks for any in the code's strings (comments may quote examples).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** The code that holds rules and shows them: every folder of app/ but the dictionaries and the routes (whose page titles name both languages). */
const FOLDERS = ["app/domain", "app/schemas", "app/components", "app/enhance", "app/utils", "app/data"];

const UKRAINIAN = /[А-Яа-яІіЇїЄєҐґ]/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Text in string literals, templates and JSX that has Ukrainian letters, as "file:line: text". */
function ukrainianStrings(file: string) {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const text =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node) ? node.text : null;
    if (text !== null && UKRAINIAN.test(text)) found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim()}`);
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

describe("words a reader sees", () => {
  it("are not written in Ukrainian into the code outside the dictionaries", () => {
    const files = FOLDERS.flatMap((folder) => sourceFiles(folder));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(ukrainianStrings)).toEqual([]);
  });

  it("would be found if they were (a string is seen, a comment is not)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "words-"));
    const file = path.join(dir, "sample.tsx");
    fs.writeFileSync(file, '// «Запит» in a comment\nconst a = "Запит";\nconst b = `${a} — отримано`;\nexport const c = <p>Отримано</p>;\n');
    try {
      expect(ukrainianStrings(file).map((line) => line.slice(file.length + 1))).toEqual(["2: Запит", "3: — отримано", "4: Отримано"]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
