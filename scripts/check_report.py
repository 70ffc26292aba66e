#!/usr/bin/env python3
"""Checks a `metrics report` bundle the way a reader would meet it.

    check_report.py BUNDLE [--execute] [--screenshots DIR] [--no-browser] [--vl-version 5.21]

(a) report.ipynb: nbformat 4 (minor >= 5), validated against nbformat's schema, cell ids unique; with
    --execute, run top to bottom with nbclient (kernel python3) from the bundle directory, failing on any
    error; the executed notebook and every figure it draws are saved under SCREENSHOTS/notebook/.
(b) charts/*.vl.json: each compiled with vl-convert (the newest Vega-Lite 5.x it bundles, no network
    access: the data must be inlined), its inline rows matched against data/ID.csv; the SVG and PNG are
    saved under SCREENSHOTS/vega-lite/.
(c) index.html: opened in Debian's chromium (headless, through selenium and /usr/bin/chromedriver, network
    switched off); every <svg> must have a non-zero bounding box, the chart sections must number as many
    as charts/*.svg, the console must hold no SEVERE entry and no resource may fail to load; full-page
    screenshots go to SCREENSHOTS/html/.

Chart sections are the outermost elements matching --chart-selector (by default elements with a
`data-chart-id` attribute or the class `chart`, or failing those `<figure>`s holding an <svg>); when
sections carry `data-chart-id`, their ids must be the charts' ids.

SCREENSHOTS defaults to BUNDLE/screenshots. Exit status: 0 when every check passed, 1 when any failed,
2 for usage errors or missing tools. Needs: nbformat, nbclient, ipykernel, pandas, matplotlib,
vl-convert-python, selenium (scripts/report-check-requirements.txt); chromium and chromium-driver (apt).
"""

from __future__ import annotations

import argparse
import base64
import copy
import csv
import json
import os
import re
import sys
import warnings
from pathlib import Path

FIXED_PLOT_COLUMNS = ["layer", "name", "period", "time", "value", "lower", "upper", "note"]
DEFAULT_CHART_SELECTOR = "[data-chart-id], .chart"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Chromium cannot paint one bitmap taller than its largest texture; taller pages are shot in slices.
SLICE_HEIGHT = 8000


class Checker:
    def __init__(self, bundle: Path, screenshots: Path, selector: str) -> None:
        self.bundle = bundle
        self.screenshots = screenshots
        self.selector = selector
        self.failures: list[str] = []
        self.summary: list[str] = []

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"check_report: FAIL: {message}", file=sys.stderr)

    def note(self, message: str) -> None:
        self.summary.append(message)
        print(f"check_report: {message}")

    def chart_ids(self, pattern: str, suffix: str) -> list[str]:
        return sorted(p.name[: -len(suffix)] for p in (self.bundle / "charts").glob(pattern))

    # --- (a) the notebook ---------------------------------------------------------------------------
    def check_notebook(self, execute: bool, timeout: int) -> None:
        import nbformat

        path = self.bundle / "report.ipynb"
        if not path.is_file():
            self.fail(f"{path} is missing")
            return
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            self.fail(f"{path} is not JSON: {error}")
            return
        if raw.get("nbformat") != 4 or not isinstance(raw.get("nbformat_minor"), int) or raw["nbformat_minor"] < 5:
            self.fail(f"{path}: nbformat {raw.get('nbformat')}.{raw.get('nbformat_minor')}, expected 4.5 or later")
            return
        # Validate the document as written: nbformat.read, and validate itself, would quietly add missing
        # ids and rename duplicate ones (with a warning), so ids are checked first and warnings are failures.
        cells = raw.get("cells") if isinstance(raw.get("cells"), list) else []
        ids = [cell.get("id") if isinstance(cell, dict) else None for cell in cells]
        missing = sum(1 for i in ids if i is None)
        if missing:
            self.fail(f"{path}: {missing} cell(s) without an id")
        repeated = sorted({i for i in ids if i is not None and ids.count(i) > 1})
        if repeated:
            self.fail(f"{path}: repeated cell ids {repeated[:5]}")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                nbformat.validate(nbformat.from_dict(copy.deepcopy(raw)), version=4)
            except nbformat.ValidationError as error:
                self.fail(f"{path} does not validate against nbformat 4: {error.message}")
                return
        if missing or repeated:
            return
        for warning in caught:
            self.fail(f"{path}: nbformat: {warning.message}")
        code_cells = [cell for cell in cells if cell.get("cell_type") == "code"]
        self.note(f"notebook: report.ipynb valid (nbformat {raw['nbformat']}.{raw['nbformat_minor']}, "
                  f"{len(cells)} cells, {len(code_cells)} code)")
        if not execute:
            return

        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        # nbformat.reads joins each cell's list of source lines into one string, as nbclient expects.
        notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
        # Figures must come out as images through ipykernel's inline backend, whatever the caller set.
        os.environ.pop("MPLBACKEND", None)
        client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(self.bundle)}})
        out = self.screenshots / "notebook"
        out.mkdir(parents=True, exist_ok=True)
        completed = False
        try:
            client.execute()
            completed = True
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
            self.fail(f"executing report.ipynb failed: {first_lines(str(error), 30)}")
        except Exception as error:  # the kernel could not start, and the like
            self.fail(f"executing report.ipynb failed: {type(error).__name__}: {first_lines(str(error), 30)}")
        finally:
            nbformat.write(notebook, out / "report.executed.ipynb")

        figures = errors = stderr = executed = 0
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            if cell.get("execution_count") is not None:
                executed += 1
            for number, output in enumerate(cell.get("outputs", [])):
                kind = output.get("output_type")
                if kind == "error":
                    errors += 1
                elif kind == "stream" and output.get("name") == "stderr":
                    stderr += 1
                    print(f"check_report: notebook cell {index} wrote to stderr: {first_lines(output.get('text', ''), 5)}")
                png = output.get("data", {}).get("image/png") if kind in ("display_data", "execute_result") else None
                if png:
                    figures += 1
                    (out / f"cell-{index:04d}-{number}.png").write_bytes(base64.b64decode(png))
        if errors and completed:
            self.fail(f"report.ipynb: {errors} cell(s) raised errors")
        charts = len(self.chart_ids("*.svg", ".svg")) or len(self.chart_ids("*.vl.json", ".vl.json"))
        if completed and figures < charts:
            self.fail(f"report.ipynb drew {figures} figure(s) for {charts} chart(s)")
        self.note(f"notebook: executed {executed}/{len(code_cells)} code cells, {figures} figures, "
                  f"{errors} errors, {stderr} stderr outputs -> {out}")

    # --- (b) the Vega-Lite specifications -----------------------------------------------------------
    def check_vega_lite(self, requested: str | None) -> None:
        import vl_convert as vlc

        available = vlc.get_vegalite_versions()
        fives = sorted((v for v in available if v.split(".")[0] == "5"), key=lambda v: tuple(map(int, v.split("."))))
        version = requested or (fives[-1] if fives else None)
        if version is None or version not in available:
            self.fail(f"vl-convert {vlc.__version__} offers Vega-Lite {', '.join(available)}; "
                      f"none is {requested or '5.x'}")
            return
        specs = sorted((self.bundle / "charts").glob("*.vl.json"))
        svgs = self.chart_ids("*.svg", ".svg")
        spec_ids = [p.name[: -len(".vl.json")] for p in specs]
        if svgs and spec_ids != svgs:
            missing = sorted(set(svgs) - set(spec_ids))
            extra = sorted(set(spec_ids) - set(svgs))
            self.fail(f"charts/*.vl.json and charts/*.svg differ: no spec for {missing[:5]}, no SVG for {extra[:5]}")
        if not specs:
            self.fail("no charts/*.vl.json")
            return
        out = self.screenshots / "vega-lite"
        out.mkdir(parents=True, exist_ok=True)
        compiled = 0
        for path in specs:
            chart = path.name[: -len(".vl.json")]
            try:
                spec = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                self.fail(f"{path} is not JSON: {error}")
                continue
            schema = spec.get("$schema", "")
            if "/vega-lite/v5" not in schema:
                self.fail(f"{path}: $schema {schema!r} is not Vega-Lite v5")
            self.match_plot_data(chart, spec)
            try:
                # allowed_base_urls=[]: no data may be fetched, so a spec that is not self-contained fails.
                svg = vlc.vegalite_to_svg(spec, vl_version=version, allowed_base_urls=[])
                png = vlc.vegalite_to_png(spec, vl_version=version, scale=1.5, allowed_base_urls=[])
            except Exception as error:
                self.fail(f"{path} does not compile with Vega-Lite {version}: {first_lines(str(error), 3)}")
                continue
            (out / f"{chart}.svg").write_text(svg, encoding="utf-8")
            (out / f"{chart}.png").write_bytes(png)
            compiled += 1
        self.note(f"vega-lite: {compiled}/{len(specs)} specs compiled with Vega-Lite {version} "
                  f"(vl-convert {vlc.__version__}) -> {out}")

    def match_plot_data(self, chart: str, spec: dict) -> None:
        """The spec's inline rows are the plot-data CSV's rows."""
        path = self.bundle / "data" / f"{chart}.csv"
        values = spec.get("data", {}).get("values")
        if not isinstance(values, list):
            self.fail(f"charts/{chart}.vl.json has no inline data.values")
            return
        if not path.is_file():
            self.fail(f"{path} is missing")
            return
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        if not rows or rows[0][-len(FIXED_PLOT_COLUMNS):] != FIXED_PLOT_COLUMNS:
            self.fail(f"{path}: the header does not end with {','.join(FIXED_PLOT_COLUMNS)}")
            return
        if len(rows) - 1 != len(values):
            self.fail(f"{path} has {len(rows) - 1} rows but charts/{chart}.vl.json inlines {len(values)}")
        widths = {len(row) for row in rows}
        if widths != {len(rows[0])}:
            self.fail(f"{path}: records of {sorted(widths)} fields, expected {len(rows[0])}")

    # --- (c) the HTML report in a browser -----------------------------------------------------------
    def check_html(self, section_shots: int, timeout: int) -> None:
        path = self.bundle / "index.html"
        if not path.is_file():
            self.fail(f"{path} is missing")
            return
        for tool in (CHROMIUM, CHROMEDRIVER):
            if not os.access(tool, os.X_OK):
                self.fail(f"{tool} is missing (Debian: apt-get install -y chromium chromium-driver)")
                return

        os.environ.setdefault("SE_OFFLINE", "true")  # selenium must never download a browser or driver
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.support.ui import WebDriverWait

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,900", "--hide-scrollbars", "--force-device-scale-factor=1"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        try:
            driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        except WebDriverException as error:
            self.fail(f"chromium did not start: {first_lines(error.msg or str(error), 5)}")
            return
        try:
            driver.set_page_load_timeout(timeout)
            # An offline report: switch the network off, and record resources that fail to load.
            driver.execute_cdp_cmd("Network.enable", {})
            driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
                "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_FAILURES_JS})
            driver.get(path.resolve().as_uri())
            WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")
            driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "Promise.race([document.fonts ? document.fonts.ready : Promise.resolve(),"
                " new Promise(r => setTimeout(r, 5000))]).then(() => requestAnimationFrame(() => done(true)));")
            page = driver.execute_script(INSPECT_JS, self.selector)
            self.judge_page(page)
            self.save_screenshots(driver, section_shots)
            log = driver.get_log("browser")
        except WebDriverException as error:
            self.fail(f"index.html could not be checked in chromium: {first_lines(error.msg or str(error), 5)}")
            return
        finally:
            driver.quit()
        severe = [entry for entry in log if entry.get("level") == "SEVERE"]
        for entry in severe:
            self.fail(f"index.html console: {entry.get('message')}")
        warnings = sum(1 for entry in log if entry.get("level") == "WARNING")
        self.note(f"html: console {len(log)} entries, {len(severe)} SEVERE, {warnings} WARNING")

    def judge_page(self, page: dict) -> None:
        charts = self.chart_ids("*.svg", ".svg")
        svgs = page["svgs"]
        empty = [s for s in svgs if not (s["width"] > 0 and s["height"] > 0)]
        for s in empty[:10]:
            self.fail(f"index.html: <svg> #{s['index']} ({s['label']}) has an empty bounding box "
                      f"({s['width']}x{s['height']})")
        if len(empty) > 10:
            self.fail(f"index.html: {len(empty) - 10} more <svg> elements have empty bounding boxes")
        sections = page["sections"]
        if len(sections) != len(charts):
            self.fail(f"index.html has {len(sections)} chart sections (selector {page['selector']!r}) "
                      f"but charts/ holds {len(charts)} SVG files")
        ids = [s["id"] for s in sections if s["id"] is not None]
        if ids and sorted(ids) != charts:
            self.fail(f"index.html: data-chart-id values differ from charts/*.svg: "
                      f"{sorted(set(ids) ^ set(charts))[:5]}")
        without_svg = [s for s in sections if s["svgs"] == 0]
        if without_svg:
            self.fail(f"index.html: {len(without_svg)} chart section(s) hold no <svg>")
        for failure in page["failed"]:
            self.fail(f"index.html: resource failed to load: {failure}")
        for image in page["brokenImages"]:
            self.fail(f"index.html: image did not load: {image}")
        for url in page["network"]:
            self.fail(f"index.html fetched a network resource (the report must work offline): {url}")
        for error in page["errors"]:
            self.fail(f"index.html script error: {error}")
        self.note(f"html: {len(sections)} chart sections (= {len(charts)} charts/*.svg: "
                  f"{'yes' if len(sections) == len(charts) else 'NO'}), {len(svgs)} <svg> elements, "
                  f"{len(svgs) - len(empty)} rendered, {len(page['failed']) + len(page['brokenImages'])} failed resources, "
                  f"page {page['width']}x{page['height']} px")

    def save_screenshots(self, driver, section_shots: int) -> None:
        out = self.screenshots / "html"
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.png"):
            old.unlink()
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        width, height = int(size["width"] + 0.5), int(size["height"] + 0.5)
        slices = max(1, -(-height // SLICE_HEIGHT))
        names = []
        for k in range(slices):
            top = k * SLICE_HEIGHT
            clip = {"x": 0, "y": top, "width": width, "height": min(SLICE_HEIGHT, height - top), "scale": 1}
            shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                          {"format": "png", "captureBeyondViewport": True, "clip": clip})
            name = "index.png" if slices == 1 else f"index-{k + 1:02d}.png"
            (out / name).write_bytes(base64.b64decode(shot["data"]))
            names.append(name)
        shot_sections = driver.execute_script(SECTIONS_JS, self.selector)[:section_shots]
        for k, element in enumerate(shot_sections):
            element.screenshot(str(out / f"section-{k + 1:03d}.png"))
        self.note(f"html: full-page screenshot {', '.join(names)} ({width}x{height} px) and "
                  f"{len(shot_sections)} section screenshots -> {out}")


# Installed before any page script: records elements whose resource failed, and uncaught script errors.
RECORD_FAILURES_JS = """
window.__reportCheck = {failed: [], errors: []};
window.addEventListener('error', function (event) {
  var t = event.target;
  if (t && t !== window && (t.src || t.href || t.data)) {
    window.__reportCheck.failed.push((t.tagName || '').toLowerCase() + ' ' + (t.src || t.href || t.data));
  } else if (event.message) {
    window.__reportCheck.errors.push(event.message + ' (' + event.filename + ':' + event.lineno + ')');
  }
}, true);
window.addEventListener('unhandledrejection', function (event) {
  window.__reportCheck.errors.push('unhandled rejection: ' + String(event.reason));
});
"""

SECTIONS_JS = """
const selector = arguments[0];
let all = Array.from(document.querySelectorAll(selector));
if (all.length === 0) all = Array.from(document.querySelectorAll('figure')).filter(f => f.querySelector('svg'));
return all.filter(e => !all.some(o => o !== e && o.contains(e)));
"""

INSPECT_JS = """
const selector = arguments[0];
const sections = (function () {""" + SECTIONS_JS.replace("const selector = arguments[0];", "") + """})();
const svgs = Array.from(document.querySelectorAll('svg')).map(function (s, index) {
  const r = s.getBoundingClientRect();
  const label = s.getAttribute('aria-label') || (s.querySelector('title') || {}).textContent
    || (s.closest('[id]') || {}).id || '';
  return {index: index, width: r.width, height: r.height, label: String(label).slice(0, 80)};
});
const resources = performance.getEntriesByType('resource').map(e => e.name);
const broken = Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))
  .map(i => i.currentSrc || i.src);
const state = window.__reportCheck || {failed: [], errors: []};
return {
  selector: selector,
  sections: sections.map(e => ({id: e.getAttribute('data-chart-id'), svgs: e.querySelectorAll('svg').length})),
  svgs: svgs,
  failed: state.failed,
  errors: state.errors,
  brokenImages: broken,
  network: resources.filter(n => /^(https?|wss?):/i.test(n)),
  width: document.documentElement.scrollWidth,
  height: document.documentElement.scrollHeight,
};
"""


def first_lines(text: str, count: int) -> str:
    """The first `count` lines of `text`, without terminal colour codes (IPython's tracebacks have them)."""
    lines = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text).strip().splitlines()
    return "\n".join(lines[:count]) + (f"\n… ({len(lines) - count} more lines)" if len(lines) > count else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle", type=Path, help="the report bundle directory")
    parser.add_argument("--execute", action="store_true", help="also run report.ipynb with nbclient")
    parser.add_argument("--screenshots", type=Path, help="where to write images (default BUNDLE/screenshots)")
    parser.add_argument("--no-browser", action="store_true", help="skip the index.html check (no chromium)")
    parser.add_argument("--vl-version", help="Vega-Lite version for vl-convert (default: its newest 5.x)")
    parser.add_argument("--chart-selector", default=DEFAULT_CHART_SELECTOR,
                        help=f"CSS selector of chart sections in index.html (default {DEFAULT_CHART_SELECTOR!r})")
    parser.add_argument("--section-screenshots", type=int, default=50, metavar="N",
                        help="screenshots of at most N chart sections (default 50)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per notebook cell and page load")
    args = parser.parse_args()

    bundle = args.bundle.resolve()
    if not bundle.is_dir():
        print(f"check_report: {args.bundle} is not a directory", file=sys.stderr)
        return 2
    try:
        import nbformat, nbclient, vl_convert  # noqa: F401,E401
        if not args.no_browser:
            import selenium  # noqa: F401
    except ImportError as error:
        print(f"check_report: {error.name} is not installed (pip install -r scripts/report-check-requirements.txt)",
              file=sys.stderr)
        return 2

    checker = Checker(bundle, (args.screenshots or bundle / "screenshots").resolve(), args.chart_selector)
    checker.check_notebook(args.execute, args.timeout)
    checker.check_vega_lite(args.vl_version)
    if args.no_browser:
        checker.note("html: skipped (--no-browser)")
    else:
        checker.check_html(args.section_screenshots, args.timeout)

    if checker.failures:
        print(f"check_report: FAILED: {len(checker.failures)} problem(s) in {bundle}", file=sys.stderr)
        return 1
    print(f"check_report: OK: {bundle}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
