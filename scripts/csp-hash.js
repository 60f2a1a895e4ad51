#!/usr/bin/env node
// Trunk post_build hook: writes the hashes of the page's inline scripts into its
// Content-Security-Policy.
//
// index.html carries the policy as a <meta http-equiv="Content-Security-Policy"> whose
// script-src names the placeholder 'sha256-TRUNK-INLINE-SCRIPTS'. Trunk adds an inline
// module script (the loader that fetches and starts the wasm) while it builds; this hook
// runs after Trunk has written the staged index.html, hashes every inline script it finds
// there, exactly as the browser will (SHA-256 of the text between <script> and </script>,
// base64), and replaces the placeholder with those hashes. A build whose page has no
// placeholder, or no inline script, fails: either means the policy and the page no longer
// match, and a page that cannot start is better found at build time than by a user.
//
// Usage: Trunk runs it with TRUNK_STAGING_DIR set (see Trunk.toml). By hand:
//   node scripts/csp-hash.js path/to/index.html
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const PLACEHOLDER = "'sha256-TRUNK-INLINE-SCRIPTS'";

/** The text of every <script> element without a src attribute, in page order. */
function inlineScripts(html) {
  const scripts = [];
  const pattern = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (const match of html.matchAll(pattern)) {
    const attributes = match[1];
    if (!/\bsrc\s*=/i.test(attributes)) scripts.push(match[2]);
  }
  return scripts;
}

/** The CSP source expression allowing one inline script. */
function hashSource(script) {
  const digest = crypto.createHash('sha256').update(script, 'utf8').digest('base64');
  return `'sha256-${digest}'`;
}

function main() {
  const file = process.argv[2] || path.join(process.env.TRUNK_STAGING_DIR || '', 'index.html');
  if (!process.argv[2] && !process.env.TRUNK_STAGING_DIR) {
    console.error('csp-hash: no TRUNK_STAGING_DIR and no file given');
    process.exit(2);
  }
  const html = fs.readFileSync(file, 'utf8');
  if (!html.includes(PLACEHOLDER)) {
    console.error(`csp-hash: ${file} has no ${PLACEHOLDER} in its Content-Security-Policy`);
    process.exit(1);
  }
  const scripts = inlineScripts(html);
  if (scripts.length === 0) {
    console.error(`csp-hash: ${file} has no inline script; Trunk's loader is missing`);
    process.exit(1);
  }
  const sources = [...new Set(scripts.map(hashSource))].join(' ');
  fs.writeFileSync(file, html.split(PLACEHOLDER).join(sources));
  console.log(`csp-hash: ${scripts.length} inline script(s) allowed by hash in ${file}: ${sources}`);
}

main();
