// Trunk post-build hook: puts the SHA-256 of Trunk's inline loader script (it changes with
// every build: it names the hashed wasm and JS files) into index.html's
// Content-Security-Policy, in place of the 'sha256-JOBSIM_LOADER' placeholder. The policy then
// allows only the app's own files, that one script, and WebAssembly compilation.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("run as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)");
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
const scripts = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
if (scripts.length !== 1) throw new Error(`expected one inline loader script, found ${scripts.length}`);
const hash = createHash("sha256").update(scripts[0][1], "utf8").digest("base64");
if (!html.includes("'sha256-JOBSIM_LOADER'")) throw new Error("no CSP placeholder in index.html");
writeFileSync(file, html.replace("'sha256-JOBSIM_LOADER'", `'sha256-${hash}'`));
