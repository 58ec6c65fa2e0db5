// Read-only access to the published warehouse, for the data loaders and the browser test.
// The site is a snapshot: loaders run once per `make report`, never in the reader's browser.
import {stat} from "node:fs/promises";
import {fileURLToPath} from "node:url";
import path from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";

const repository = fileURLToPath(new URL("../..", import.meta.url));

/** The published file: $MELDPUNT_PUBLISHED_DUCKDB_PATH (as in meldpunt1712.layout), else warehouse/meldpunt_1712.duckdb. */
export function publishedFile() {
  const chosen = process.env.MELDPUNT_PUBLISHED_DUCKDB_PATH || path.join("warehouse", "meldpunt_1712.duckdb");
  return path.resolve(repository, chosen);
}

/** When the published file was written (publish replaces it in one step, so this is its build time). */
export async function publishedAt(file = publishedFile()) {
  return (await stat(file)).mtime;
}

const WIDE_INTEGERS = new Set(["BIGINT", "HUGEINT", "UBIGINT", "UHUGEINT"]);

/**
 * Run each query of `queries` ({name: sql}) on one read-only connection and return {name: rows}.
 * Rows are plain JSON: DATE as "YYYY-MM-DD", BIGINT as a number (the counts here are small).
 */
export async function queryWarehouse(queries, file = publishedFile()) {
  await stat(file).catch(() => {
    throw new Error(`no published warehouse at ${file}: run \`make build\` first`);
  });
  const instance = await DuckDBInstance.create(file, {access_mode: "READ_ONLY"});
  try {
    const connection = await instance.connect();
    const results = {};
    for (const [name, sql] of Object.entries(queries)) {
      const reader = await connection.runAndReadAll(sql);
      const names = reader.columnNames();
      const wide = reader.columnTypes().map((type) => WIDE_INTEGERS.has(type.toString()));
      results[name] = reader.getRowObjectsJson().map((row) => {
        for (let i = 0; i < names.length; ++i) {
          const value = row[names[i]];
          if (wide[i] && value !== null) row[names[i]] = toSafeNumber(value, `${name}.${names[i]}`);
        }
        return row;
      });
    }
    connection.closeSync();
    return results;
  } finally {
    instance.closeSync();
  }
}

function toSafeNumber(text, where) {
  const number = Number(text);
  if (!Number.isSafeInteger(number)) throw new Error(`${where}: ${text} does not fit a JavaScript number`);
  return number;
}

/** Write a loader's result to stdout, where Framework reads it. */
export function emit(value) {
  process.stdout.write(JSON.stringify(value));
}
