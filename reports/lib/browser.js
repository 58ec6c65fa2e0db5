// A local server for the built site and Debian's headless Chromium, for the browser test and
// the README screenshot. Chromium comes from apt (`make test` installs it), never from npm.
import {mkdtempSync, rmSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {createServer} from "node:http";
import {tmpdir} from "node:os";
import path from "node:path";
import {chromium} from "playwright-core";

export const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
// Without the background-networking flags Chromium phones home, which a closed network turns into errors.
const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--no-first-run", "--disable-sync", "--disable-default-apps", "--disable-extensions"];

const CONTENT_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
  ".png": "image/png", ".svg": "image/svg+xml"};

/** Serve `root` on 127.0.0.1 (a free port); resolves to {origin, close()}. */
export async function serveSite(root) {
  const server = createServer(async (request, response) => {
    const {pathname} = new URL(request.url, "http://localhost");
    const target = path.join(root, decodeURIComponent(pathname).replace(/\/$/, "/index.html"));
    if (!target.startsWith(root + path.sep)) return response.writeHead(403).end();
    try {
      const body = await readFile(target);
      response.writeHead(200, {"content-type": CONTENT_TYPES[path.extname(target)] ?? "application/octet-stream"}).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close()};
}

/** Whether a request for `url` stays on this machine: a loopback host, or no network at all (file:, data:, blob:). */
export function staysOnMachine(url) {
  const {protocol, hostname} = new URL(url);
  if (!/^(https?|wss?|ftp):$/.test(protocol)) return true;
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Headless Chromium with a fresh profile that reaches no host but this machine's loopback: other host
 * names do not resolve, and every request for one is aborted and listed in `external`.
 * Resolves to {context, external, close()}.
 */
export async function launchBrowser({viewport = {width: 1280, height: 900}} = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), "report-chromium-"));
  const args = [...CHROMIUM_FLAGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"];
  const context = await chromium.launchPersistentContext(profile, {executablePath: chromiumPath, headless: true, args, viewport});
  const external = [];
  const leaving = (url) => !staysOnMachine(url);
  context.on("request", (request) => leaving(request.url()) && external.push(request.url()));
  await context.route(leaving, (route) => route.abort("blockedbyclient"));
  return {
    context,
    external,
    async close() {
      await context.close();
      rmSync(profile, {recursive: true, force: true});
    }
  };
}
