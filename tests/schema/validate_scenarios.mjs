// Validates YAML files against a JSON Schema with ajv — the validator yaml-language-server uses —
// and prints one line per file: "valid FILE" or "invalid FILE: the first errors".
// Usage: node validate_scenarios.mjs SCHEMA.json FILE.yaml...   (exit 0 unless it cannot run)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const web = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../web/");
const require = createRequire(web);
const Ajv = require("ajv");
const YAML = require("yaml");

const [schemaFile, ...files] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
for (const file of files) {
  let doc;
  try {
    doc = YAML.parse(readFileSync(file, "utf8"), { uniqueKeys: true });
  } catch (e) {
    console.log(`invalid ${file}: YAML: ${e.message.split("\n")[0]}`);
    continue;
  }
  if (validate(doc)) console.log(`valid ${file}`);
  else
    console.log(`invalid ${file}: ${validate.errors.slice(0, 3).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ")}`);
}
