#!/usr/bin/env python3
"""Docs are claims, for docs/multi-site.md's examples that a transcript cannot show:

* the Kubernetes manifests (docs/examples/kubernetes/*.yaml) are checked against the Kubernetes 1.32
  API schemas with kubernetes-validate, strictly (unknown fields are errors); a copy with a misspelt
  field must fail, so the check can fail;
* the Indexed Job's pod script is run for every index, as many at once as `parallelism` says, with
  its ConfigMap's sites file, a copy of the sample evidence per site and the shared store at a real
  PostgreSQL server; every site must then be reporting in `cxaudit history --group`;
* the GitHub Actions matrix job of docs/multi-site.md is run for every site of its matrix the same way.

    Scripts/check-multi-site-examples.py CXAUDIT_BIN

The server is the one CXAUDIT_TEST_POSTGRES names (.ci/run starts one); each check records into a new
database on it.
"""
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import kubernetes_validate
import yaml

ROOT = Path(__file__).resolve().parent.parent
KUBERNETES = "1.32"


def fail(message):
    print(f"check-multi-site-examples: {message}", file=sys.stderr)
    sys.exit(1)


def fresh_database(server):
    name = "docs_" + uuid.uuid4().hex
    subprocess.run(["psql", server, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", f"CREATE DATABASE {name}"], check=True)
    return server.replace("/postgres?", f"/{name}?")


def group(binary, store, sites_file):
    result = subprocess.run(
        [binary, "history", "--group", "--store", store, "--sites", str(sites_file), "--format", "json"],
        capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"history --group failed: {result.stderr}")
    return json.loads(result.stdout)["group"]


def check_manifests():
    documents = []
    for path in sorted((ROOT / "docs/examples/kubernetes").glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            try:
                kubernetes_validate.validate(document, KUBERNETES, strict=True)
            except kubernetes_validate.ValidationError as error:
                fail(f"{path.relative_to(ROOT)}: {document['kind']} {document['metadata']['name']}: {error.message}")
            documents.append(document)
    broken = copy.deepcopy(next(d for d in documents if d["kind"] == "CronJob"))
    broken["spec"]["jobTemplate"]["spec"]["completionsMode"] = "Indexed"
    try:
        kubernetes_validate.validate(broken, KUBERNETES, strict=True)
        fail("a CronJob with a misspelt field passed the schema check: the check cannot fail")
    except kubernetes_validate.ValidationError:
        pass
    print(f"kubernetes manifests: {len(documents)} objects valid against Kubernetes {KUBERNETES}")
    return documents


def run_indexed_job(binary, server, documents, scratch):
    config = next(d for d in documents if d["kind"] == "ConfigMap")
    job = next(d for d in documents if d["kind"] == "CronJob")["spec"]["jobTemplate"]["spec"]
    container = job["template"]["spec"]["containers"][0]
    script = container["command"][-1]
    etc, evidence, reports = scratch / "etc/cxaudit", scratch / "evidence", scratch / "reports"
    etc.mkdir(parents=True)
    sites_file = etc / "sites.csv"
    sites_file.write_text(config["data"]["sites.csv"])
    sites = [line.split(",")[0] for line in config["data"]["sites.csv"].splitlines()[1:] if line]
    if job["completions"] != len(sites):
        fail(f"completions is {job['completions']} but the sites file lists {len(sites)} sites")
    for site in sites:
        shutil.copytree(ROOT / "Evidence/northwind", evidence / site)
    local = script.replace("/etc/cxaudit/", f"{etc}/").replace("/evidence/", f"{evidence}/").replace("/reports/", f"{reports}/")
    store = fresh_database(server)
    environment = dict(os.environ, PATH=f"{Path(binary).parent}:{os.environ['PATH']}", CXAUDIT_HISTORY=store)
    pending = list(range(job["completions"]))
    while pending:
        batch, pending = pending[: job["parallelism"]], pending[job["parallelism"]:]
        pods = [(index, subprocess.Popen(["/bin/sh", "-c", local], env=dict(environment, JOB_COMPLETION_INDEX=str(index)),
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)) for index in batch]
        for index, pod in pods:
            output, _ = pod.communicate()
            if pod.returncode != 0:
                fail(f"pod {index} failed with status {pod.returncode}: {output}")
    overview = group(binary, store, sites_file)
    reporting = [site["id"] for site in overview["sites"] if site["status"] == "reporting"]
    if sorted(reporting) != sorted(sites):
        fail(f"after the Indexed Job, the sites reporting are {reporting}, not {sites}")
    for site in sites:
        if not (reports / site / "results.json").exists():
            fail(f"pod for {site} wrote no results.json")
    print(f"kubernetes indexed job: {len(sites)} pods recorded {', '.join(sites)} into one store")


def run_ci_matrix(binary, server, scratch):
    page = (ROOT / "docs/multi-site.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", page, re.S)
    if len(blocks) != 1:
        fail(f"docs/multi-site.md has {len(blocks)} yaml blocks, expected the one CI matrix")
    workflow = yaml.safe_load(blocks[0])
    job = workflow["jobs"]["audit"]
    step = next(s for s in job["steps"] if "run" in s)
    sites = job["strategy"]["matrix"]["site"]
    store = fresh_database(server)
    workspace = scratch / "workspace"
    for site in sites:
        shutil.copytree(ROOT / "Evidence/northwind", workspace / "evidence" / site)
    runners = []
    for site in sites:
        script = step["run"].replace("${{ matrix.site }}", site)
        # An installed cxaudit finds its rulesets; this one is pointed at the checkout.
        environment = dict(os.environ, PATH=f"{Path(binary).parent}:{os.environ['PATH']}", CXAUDIT_HOME=str(ROOT))
        for key, value in step["env"].items():
            environment[key] = store if key == "CXAUDIT_HISTORY" else re.sub(r"\$\{\{[^}]*\}\}", "", str(value))
        runners.append((site, subprocess.Popen(["bash", "-e", "-c", script], cwd=workspace, env=environment,
                                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
    for site, runner in runners:
        output, _ = runner.communicate()
        if runner.returncode != 0:
            fail(f"the CI job for {site} failed with status {runner.returncode}: {output}")
    sites_file = scratch / "matrix-sites.csv"
    sites_file.write_text("site\n" + "\n".join(sites) + "\n")
    overview = group(binary, store, sites_file)
    if sorted(s["id"] for s in overview["sites"] if s["status"] == "reporting") != sorted(sites):
        fail(f"after the CI matrix, not every site of {sites} is reporting")
    print(f"ci matrix: {len(sites)} jobs recorded {', '.join(sites)} into one store")


def main():
    if len(sys.argv) != 2:
        fail("usage: check-multi-site-examples.py CXAUDIT_BIN")
    binary = str(Path(sys.argv[1]).resolve())
    server = os.environ.get("CXAUDIT_TEST_POSTGRES")
    if not server:
        fail("CXAUDIT_TEST_POSTGRES is not set: start a server with Scripts/start-test-postgres.sh DIR and export its address")
    documents = check_manifests()
    with tempfile.TemporaryDirectory() as scratch:
        run_indexed_job(binary, server, documents, Path(scratch) / "k8s")
        run_ci_matrix(binary, server, Path(scratch) / "ci")


if __name__ == "__main__":
    main()
