// A static host for benchmarks: serves a folder on 127.0.0.1 with connections kept open, in a process of its own,
// so that what a page fetches is timed against a server as quick as a real one (Python's http.server, in the
// process that drives the browser, took 0.9-1.6 s to hand out 100 small files on a busy machine).
//   node bench/static_server.mjs FOLDER   -> prints the address, serves until killed
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const root = normalize(process.argv[2]);
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
  ".pdf": "application/pdf", ".wasm": "application/wasm" };

const server = createServer(async (request, response) => {
  let path = decodeURIComponent(new URL(request.url, "http://x").pathname);
  if (path.endsWith("/")) path += "index.html";
  const file = normalize(join(root, path));
  if (!file.startsWith(root + sep)) { response.writeHead(403).end(); return; }
  try {
    const body = await readFile(file);
    response.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
server.keepAliveTimeout = 30000;
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}/`));
