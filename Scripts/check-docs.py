#!/usr/bin/env python3
"""Docs are claims: runs every command transcript of README.md and docs/*.md and compares its
output with the output the page shows.

A transcript is a fenced block (no info string, or `console`) whose lines start with `$ `: each
`$ ` line is a command, the lines under it what it prints (standard output and error together,
as a terminal shows them). A shown line `...` or `…` stands for any number of lines, and `…`
within a line for any text (a key's fingerprint, a hash), so a page may show the part that matters. Commands run in order, page by page, in a scratch copy of the
repository's Evidence/, Rulesets/ and docs/ (a page's later commands see its earlier ones'
files), with the cxaudit binary on PATH, CXAUDIT_HOME at the copy, SOURCE_DATE_EPOCH fixed and
no colour. Paths of the scratch folder are shown as `.`.

    Scripts/check-docs.py [CXAUDIT_BIN]

Pages whose transcripts need files the page writes along the way are run by their own tests
and listed in ELSEWHERE with the test that runs them.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ELSEWHERE = {
    "docs/getting-started.md": "GettingStartedTests (edits the register between commands)",
    "docs/authoring-guide.md": "not run yet: its walkthrough writes and edits rules/acme.xml between commands",
    "docs/evidence-packs.md": "PackCommandTests.tampered (the pack is changed with zipfile before verify)",
}
ELISION = {"...", "…"}


def transcripts(text):
    """[(command, shown output lines)] of the page's transcript blocks, in order."""
    steps, fence, command, shown = [], None, None, []
    for line in text.split("\n"):
        if line.startswith("```"):
            if fence is None:
                fence = line[3:].strip()
            else:
                if command is not None:
                    steps.append((command, shown))
                fence, command, shown = None, None, []
            continue
        if fence not in ("", "console"):
            continue
        if line.startswith("$ "):
            if command is not None:
                steps.append((command, shown))
            command, shown = line[2:], []
        elif command is not None:
            shown.append(line)
    return steps


def matches(shown, output):
    """Whether the output is what the page shows, `...` lines standing for any lines."""
    pattern = ""
    for line in shown:
        if line.strip() in ELISION:
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += "[^\n]*?".join(re.escape(part) for part in line.rstrip().split("…")) + r"\n"
    return re.fullmatch(pattern, "".join(line.rstrip() + "\n" for line in output)) is not None


def main():
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CXAUDIT_BIN", ROOT / ".build/debug/cxaudit")).resolve()
    if not binary.exists():
        sys.exit(f"no cxaudit binary at {binary}; build it (swift build) or pass its path")
    pages = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
    failures = checked = 0
    for page in pages:
        name = str(page.relative_to(ROOT))
        steps = transcripts(page.read_text(encoding="utf-8"))
        if not steps:
            continue
        if name in ELSEWHERE:
            print(f"skip  {name}: {len(steps)} commands, {ELSEWHERE[name]}")
            continue
        with tempfile.TemporaryDirectory(prefix="cxaudit-docs-") as scratch:
            for folder in ("Evidence", "Rulesets", "docs"):
                shutil.copytree(ROOT / folder, Path(scratch) / folder)
            environment = dict(os.environ, PATH=f"{binary.parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
                               CXAUDIT_HOME=scratch, SOURCE_DATE_EPOCH="1796025600", NO_COLOR="1", TERM="dumb")
            for command, shown in steps:
                checked += 1
                run = subprocess.run(["bash", "-c", command + " 2>&1"], cwd=scratch, env=environment,
                                     capture_output=True, text=True, timeout=300)
                output = run.stdout.replace(scratch, ".").rstrip("\n").split("\n")
                output = [] if output == [""] else output
                while shown and not shown[-1].strip():
                    shown = shown[:-1]
                if matches(shown, output):
                    print(f"ok    {name}: $ {command}")
                else:
                    failures += 1
                    print(f"FAIL  {name}: $ {command}\n  the page shows:\n" + "\n".join(f"    {line}" for line in shown)
                          + "\n  the command printed:\n" + "\n".join(f"    {line}" for line in output))
    print(f"{checked} documented commands run, {failures} printed something else than their page shows")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
