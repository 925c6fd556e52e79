// Lighthouse (tests/tools) in Debian's Chromium on the sign-in page, then, signed in through the real form, the customer
// list and the dashboard (desktop preset; LIGHTHOUSE_FORM_FACTOR=mobile for the phone preset). Each must score accessibility 100 and
// best practices 100; performance is printed against its target of 90 (a timing, which a busy CI machine moves).
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
    const passes = run => run.lhr.categories.performance.score >= 0.9;
    let run = await once();
    if (!passes(run)) {
      // Performance varies from run to run, more so on a shared CI machine: as Lighthouse's own guidance says, take
      // the median of several runs before calling it a regression.
      const runs = [run, await once(), await once()].sort((x, y) => x.lhr.categories.performance.score - y.lhr.categories.performance.score);
      console.log(`Lighthouse ${path}: performance ${runs.map(x => Math.round(x.lhr.categories.performance.score * 100)).join(", ")} in three runs; the median counts`);
      run = runs[1];
    }
    const r = run.lhr;
    writeFileSync(`${outDir}/lighthouse${path.replaceAll("/", "-")}.json`, run.report);
    const s = k => Math.round(r.categories[k].score * 100);
    const [p, a, b] = [s("performance"), s("accessibility"), s("best-practices")];
    // Accessibility and best practices are properties of the page: they fail the run. Performance is a timing on a
    // shared 2-core machine (the dashboard scored 84 to 97 in runs minutes apart): it is printed against its target,
    // as the benchmark prints its figures, and does not fail the run.
    const ok = a === 100 && b === 100;
    const fast = p >= 90;
    console.log(`Lighthouse ${path}: performance ${p}${fast ? "" : " (target 90)"}, accessibility ${a}, best practices ${b}${ok ? "" : "  << below the bar"}`);
    if (!ok || !fast) {
      failed ||= !ok;
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
