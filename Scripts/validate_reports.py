#!/usr/bin/env python3
"""Validates cxaudit reports with the tools that consume them.

    python3 Scripts/validate_reports.py FORMAT=FILE [FORMAT=FILE ...]

FORMAT is one of json, sarif, junit, svrl, oscal, html, csv, markdown. Each file is
checked by the real consumer of its format, never by cxaudit's own code:

  json      jsonschema (Draft 2020-12) against docs/formats/cxaudit-results-1.0.schema.json
  sarif     jsonschema (Draft 4) against the OASIS SARIF 2.1.0 schema, vendored; sarif-tools
            loads it (its Python API and `sarif summary`), and without the suppressed (waived)
            results it sees exactly the active findings the run's properties count
  junit     junitparser reads it; totals must add up, failures and skipped cases (waived
            results among them) carry a message
  svrl      jing against the ISO Schematron SVRL schemas (2016 and 2025 editions), vendored
  oscal     compliance-trestle: its OSCAL model loads it and `trestle validate` passes
  html      lxml parses it; no script, no external resource, a Content Security Policy
  csv       Python's csv module (strict) reads it (UTF-8 with a byte-order mark); no cell can
            run as a formula but the clause ids, which are text formulas ="9.2" and nothing else
  markdown  markdown-it-py (CommonMark + tables) renders it; no raw HTML but <sub>

Exits 0 when every file is valid, 1 otherwise, printing one line per check.
Nothing is fetched: the schemas are files in the repository.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(ROOT, "Tests", "AuditReportsTests", "Fixtures", "schemas")
RESULT_SCHEMA = os.path.join(ROOT, "docs", "formats", "cxaudit-results-1.0.schema.json")


class Invalid(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Invalid(message)


def schema_errors(validator_class, schema_path, document):
    import jsonschema

    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))


def describe(errors):
    return "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:200]}" for e in errors[:5])


def validate_json(path):
    import jsonschema

    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    errors = schema_errors(jsonschema.Draft202012Validator, RESULT_SCHEMA, document)
    check(not errors, f"not valid against the result schema: {describe(errors)}")
    return f"valid against cxaudit-results-1.0 ({len(document['results'])} results, {len(document['findings'])} findings)"


def validate_sarif(path):
    import jsonschema

    with open(path, encoding="utf-8") as handle:
        log = json.load(handle)
    errors = schema_errors(jsonschema.Draft4Validator, os.path.join(SCHEMAS, "sarif-schema-2.1.0.json"), log)
    check(not errors, f"not valid against SARIF 2.1.0: {describe(errors)}")
    check(log.get("version") == "2.1.0", "version is not 2.1.0")
    results = [result for run in log["runs"] for result in run.get("results", [])]
    for result in results:
        locations = result.get("locations") or []
        check(locations, f"result {result.get('ruleId')} has no location, code-scanning UIs cannot show it")
        artifact = locations[0]["physicalLocation"]["artifactLocation"]
        check(artifact.get("uri"), f"result {result.get('ruleId')} has no artifact URI")
    rules = {rule["id"] for run in log["runs"] for rule in run["tool"]["driver"].get("rules", [])}
    check(all(result["ruleId"] in rules for result in results), "a result names a rule the driver does not describe")
    suppressed = [result for result in results if result.get("suppressions")]
    for result in suppressed:
        for suppression in result["suppressions"]:
            check(
                suppression.get("kind") == "external" and suppression.get("status") == "accepted" and suppression.get("justification"),
                f"result {result.get('ruleId')}: a waiver must be an accepted external suppression with its justification",
            )
    states = {}
    for run in log["runs"]:
        states = {}
        properties = run.get("properties", {})
        baseline = properties.get("baseline")
        for result in run.get("results", []):
            state = result.get("baselineState")
            check((state in ("new", "unchanged")) if baseline else state is None, f"result {result.get('ruleId')}: baselineState {state!r}")
            states[state] = states.get(state, 0) + 1
        if baseline:
            check(states.get("new", 0) == baseline["new"], f"{states.get('new', 0)} new results, the run's baseline says {baseline['new']}")
            check(len(baseline["resolvedFindings"]) == baseline["resolved"], "the resolved findings listed are not as many as counted")
    active = sarif_tools_active_results(path, len(results))
    expected = sum(sum(run.get("properties", {}).get("findings", {}).values()) for run in log["runs"])
    check(active == expected, f"sarif-tools sees {active} unsuppressed results, the run counts {expected} active findings")
    return (
        f"valid against SARIF 2.1.0 ({len(results)} results, {len(rules)} rules, {len(suppressed)} suppressed, "
        f"{states.get('new', 0)} new); loaded by sarif-tools ({active} active results, `sarif summary` ok)"
    )


def sarif_tools_active_results(path, count):
    """Loads the log with sarif-tools, as its users would, and returns how many results it
    keeps once the suppressed (waived) ones are filtered out."""
    from sarif import loader

    sarif_file = loader.load_sarif_file(path)
    check(sarif_file.get_result_count() == count, f"sarif-tools reads {sarif_file.get_result_count()} results, not {count}")
    check(len(sarif_file.get_records()) == count, "sarif-tools cannot turn every result into a record")
    summary = shutil.which("sarif")
    check(summary, "sarif-tools is not installed (pip install sarif-tools)")
    process = subprocess.run([summary, "summary", path], capture_output=True, text=True)
    check(process.returncode == 0, f"`sarif summary` failed: {(process.stdout + process.stderr).strip()[-500:]}")
    # Results without a line (findings about a whole evidence type) are still results: do not let
    # sarif-tools's line-number heuristics decide, and keep only those with no suppression.
    sarif_file.init_general_filter(
        "active findings", {"check-line-number": False, "default-include": False}, [], [{"suppression": "external"}]
    )
    return sarif_file.get_result_count()


def validate_junit(path):
    from junitparser import Error, Failure, JUnitXml, Skipped

    xml = JUnitXml.fromfile(path)
    cases = failures = errors = skipped = waived = 0
    for suite in xml:
        suite_cases = list(suite)
        check(int(suite.tests) == len(suite_cases), f"suite {suite.name!r}: tests={suite.tests} but {len(suite_cases)} test cases")
        for case in suite_cases:
            cases += 1
            check(case.name and case.classname, f"a test case in {suite.name!r} has no name or classname")
            for result in case.result:
                if isinstance(result, Failure):
                    failures += 1
                    check(result.message, f"failure of {case.name!r} has no message")
                elif isinstance(result, Error):
                    errors += 1
                elif isinstance(result, Skipped):
                    skipped += 1
                    check(result.message, f"skipped case {case.name!r} has no message")
                    if result.message.startswith("Waived"):
                        waived += 1
                        check("waiver" in result.message or "waiver" in (result.text or ""), f"waived case {case.name!r} names no waiver")
    check(int(xml.tests) == cases, f"testsuites tests={xml.tests} but {cases} test cases")
    check(int(xml.failures) == failures, f"testsuites failures={xml.failures} but {failures} failures")
    check(int(xml.errors) == errors, f"testsuites errors={xml.errors} but {errors} errors")
    check(int(xml.skipped) == skipped, f"testsuites skipped={xml.skipped} but {skipped} skipped")
    return f"read by junitparser ({cases} test cases, {failures} failures, {errors} errors, {skipped} skipped, {waived} of them waived)"


def validate_svrl(path):
    jing = shutil.which("jing")
    check(jing, "jing is not installed (apt-get install jing)")
    editions = []
    for edition in ("2016", "2025"):
        schema = os.path.join(SCHEMAS, f"svrl-{edition}.rnc")
        process = subprocess.run([jing, "-c", schema, path], capture_output=True, text=True)
        output = "\n".join(line for line in (process.stdout + process.stderr).splitlines() if "Unable to locate" not in line)
        check(process.returncode == 0, f"not valid against SVRL {edition}: {output.strip()[:500]}")
        editions.append(edition)
    return f"valid against SVRL {' and '.join(editions)} (jing)"


def validate_oscal(path):
    from trestle.oscal.assessment_results import AssessmentResults

    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    model = AssessmentResults.model_validate(document["assessment-results"])
    trestle = shutil.which("trestle")
    check(trestle, "trestle is not installed (pip install compliance-trestle)")
    with tempfile.TemporaryDirectory() as workspace:
        subprocess.run([trestle, "init"], cwd=workspace, capture_output=True, check=True)
        target = os.path.join(workspace, "assessment-results", "cxaudit", "assessment-results.json")
        os.makedirs(os.path.dirname(target))
        shutil.copyfile(path, target)
        process = subprocess.run([trestle, "validate", "-f", target], cwd=workspace, capture_output=True, text=True)
        output = (process.stdout + process.stderr).strip()
        check(process.returncode == 0 and "VALID" in output and "INVALID" not in output, f"trestle validate failed: {output[-800:]}")
    result = model.results[0]
    version = document["assessment-results"]["metadata"]["oscal-version"]
    return (
        f"valid OSCAL {version} assessment-results (trestle validate; "
        f"{len(result.observations or [])} observations, {len(result.findings or [])} findings)"
    )


def validate_html(path):
    import lxml.html

    with open(path, "rb") as handle:
        data = handle.read()
    document = lxml.html.document_fromstring(data)
    check(document.find("head/title") is not None, "no <title>")
    check(not document.xpath("//script"), "contains a <script>")
    check(not document.xpath("//link | //iframe | //object | //embed | //img[@src] | //*[@src]"), "loads an external resource")
    check(not document.xpath("//a[starts-with(@href, 'http')]"), "links outside the page")
    policy = document.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    check(policy and "default-src 'none'" in policy[0], "no Content Security Policy forbidding network access")
    check(document.xpath("//section[@id='matrix']//table"), "no traceability matrix")
    return f"parsed by lxml, self-contained ({len(data)} bytes, {len(document.xpath('//svg'))} inline SVG)"


# A formula whose only content is one string literal (quotes doubled inside): shows text, runs nothing.
TEXT_FORMULA = re.compile(r'="(?:[^"]|"")*"')


def validate_csv(path):
    with open(path, "rb") as handle:
        check(handle.read(3) == b"\xef\xbb\xbf", "does not start with the UTF-8 byte-order mark")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    check(rows, "empty")
    header = rows[0]
    check(header[:2] == ["ruleset", "clause"], f"unexpected header {header[:3]}")
    clause = header.index("clause")
    for number, row in enumerate(rows[1:], start=2):
        check(len(row) == len(header), f"row {number} has {len(row)} fields, the header {len(header)}")
        check(row[clause] == "" or TEXT_FORMULA.fullmatch(row[clause]), f"row {number}: clause {row[clause][:40]!r} is not a text formula")
        for position, cell in enumerate(row):
            if position != clause:
                check(not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), f"row {number}: cell {cell[:40]!r} could run as a formula")
    return f"read by csv (strict, utf-8-sig): {len(rows) - 1} rows × {len(header)} columns, clause ids as text formulas, no other formula cells"


def validate_markdown(path):
    from markdown_it import MarkdownIt

    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    check(len(text) < 65536, f"{len(text)} characters: over GitHub's comment limit")
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(text)
    tables = [token for token in tokens if token.type == "table_open"]
    check(tables, "no table")
    rows = []
    header_cells = 0
    for index, token in enumerate(tokens):
        if token.type == "thead_open":
            # Each table's rows are compared with its own header.
            header_cells = 0
            for t in tokens[index:]:
                if t.type == "thead_close":
                    break
                header_cells += t.type == "th_open"
        if token.type != "tr_open":
            continue
        rows.append(token)
        cells = 0
        for t in tokens[index + 1 :]:
            if t.type == "tr_close":
                break
            cells += t.type in ("td_open", "th_open")
        check(cells == header_cells, f"a table row has {cells} cells, the header {header_cells}: a value leaked a |")
    html_blocks = [t for t in tokens if t.type == "html_block"]
    check(not html_blocks, "contains an HTML block")
    inline_html = [child.content for t in tokens if t.type == "inline" for child in (t.children or []) if child.type == "html_inline"]
    check(all(tag in ("<sub>", "</sub>") for tag in inline_html), f"raw HTML from the evidence: {inline_html[:3]}")
    parser.render(text)
    return f"rendered by markdown-it-py ({len(rows)} table rows, {len(text)} characters)"


VALIDATORS = {
    "json": validate_json,
    "sarif": validate_sarif,
    "junit": validate_junit,
    "svrl": validate_svrl,
    "oscal": validate_oscal,
    "html": validate_html,
    "csv": validate_csv,
    "markdown": validate_markdown,
}


def main(arguments):
    if not arguments:
        print(__doc__, file=sys.stderr)
        return 2
    failed = 0
    for argument in arguments:
        kind, _, path = argument.partition("=")
        if kind not in VALIDATORS or not path:
            print(f"usage: FORMAT=FILE with FORMAT one of {', '.join(VALIDATORS)}; got {argument!r}", file=sys.stderr)
            return 2
        try:
            print(f"ok    {kind:8} {path}: {VALIDATORS[kind](path)}")
        except Invalid as problem:
            failed += 1
            print(f"FAIL  {kind:8} {path}: {problem}")
        except Exception as problem:  # a consumer that cannot read the file at all
            failed += 1
            print(f"FAIL  {kind:8} {path}: {type(problem).__name__}: {str(problem)[:800]}")
    print(f"{len(arguments) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
