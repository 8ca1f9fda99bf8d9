import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// import-x's TypeScript settings (which files it parses for imports), resolving through tsconfig.json's paths.
const { "import-x/resolver": _legacyResolver, ...importSettings } = importX.flatConfigs.typescript.settings;

// What each rule set checks, and why a rule is off: docs/decisions/040-lint-and-dead-exports.md.
export default defineConfig(
  { ignores: ["build/", "app/generated/", "node_modules/", "playwright-report/", "test-results/", "data/", "tests/.tmp/", "bench/.tmp/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // The project matches control characters on purpose, to strip or refuse them (decision 016).
      "no-control-regex": "off",
      // A leading underscore marks a parameter kept on purpose (txStatements takes the open
      // transaction as proof that it runs inside one); a rest sibling that drops a key is used.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  { files: ["**/*.tsx"], ...react.configs.flat.recommended },
  { files: ["**/*.tsx"], ...react.configs.flat["jsx-runtime"] },
  {
    files: ["**/*.tsx"],
    settings: { react: { version: "detect" } },
    rules: {
      // TypeScript checks component props; propTypes would repeat the types at runtime.
      "react/prop-types": "off",
    },
  },
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // The data layer's boundary (decision 046): connections and SQL written by hand live in
    // app/data/; the rest of the app calls its named functions.
    files: ["app/domain/**", "app/routes/**", "app/components/**", "app/utils/**", "app/enhance/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "better-sqlite3", message: "Connections live in app/data/ (decision 046)." },
            { name: "kysely", message: "Build queries in app/data/ (decision 046)." },
            { name: "~/data/read-db.server", message: "Read through a named function of app/data/ (decision 046)." },
            { name: "~/data/sqlite-time", message: "Dates are bound by app/data/sql.ts (decision 046)." },
          ],
        },
      ],
    },
  },
  {
    plugins: { "import-x": importX },
    settings: {
      ...importSettings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: {
      "import-x/no-duplicates": "error",
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
);
