#!/usr/bin/env bash
# Checks the artifacts that `./mvnw verify` (or package) left in target/: the published modules have a
# jar, a sources jar and a javadoc jar, every jar carries its Automatic-Module-Name, and the BOM names
# the published modules at the parent's version.
#   bash .ci/check-artifacts.sh        (from the repository root, after a build)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
NS = {"m": "http://maven.apache.org/POM/4.0.0"}
version = ET.parse("pom.xml").getroot().find("m:version", NS).text
published = {"harness-core": "dev.runstop.core", "harness-junit5": "dev.runstop.junit",
             "harness-testcontainers": "dev.runstop.testcontainers"}
others = {"example-app": ("example-app-%s.jar" % version, "dev.runstop.example"),
          "harness-bench": ("harness-bench.jar", "dev.runstop.bench")}
problems = []

def manifest(path):
    with zipfile.ZipFile(path) as z:
        text = z.read("META-INF/MANIFEST.MF").decode("utf-8")
    return dict(line.split(": ", 1) for line in text.replace("\r\n ", "").splitlines() if ": " in line)

def check_jar(module, name, expect_module, need_classes=True):
    path = f"{module}/target/{name}"
    try:
        entries = zipfile.ZipFile(path).namelist()
    except FileNotFoundError:
        problems.append(f"{path}: missing (run ./mvnw -B package first)")
        return
    got = manifest(path).get("Automatic-Module-Name")
    if got != expect_module:
        problems.append(f"{path}: Automatic-Module-Name is {got!r}, expected {expect_module!r}")
    if need_classes and not any(e.endswith(".class") for e in entries):
        problems.append(f"{path}: no classes")
    print(f"ok {path} ({len(entries)} entries, Automatic-Module-Name: {got})")

for module, name in published.items():
    base = f"{module}-{version}"
    check_jar(module, base + ".jar", name)
    for classifier, marker in (("sources", ".java"), ("javadoc", "index.html")):
        path = f"{module}/target/{base}-{classifier}.jar"
        try:
            entries = zipfile.ZipFile(path).namelist()
        except FileNotFoundError:
            problems.append(f"{path}: missing")
            continue
        if not any(e.endswith(marker) for e in entries):
            problems.append(f"{path}: has no {marker}")
        print(f"ok {path} ({len(entries)} entries)")
for module, (name, mod) in others.items():
    check_jar(module, name, mod)

bom = ET.parse("runstop-bom/pom.xml").getroot()
bom_version = bom.find("m:version", NS).text
if bom_version != version:
    problems.append(f"runstop-bom/pom.xml: version {bom_version} differs from runstop-parent's {version}")
managed = {d.find("m:artifactId", NS).text for d in bom.iterfind(".//m:dependencyManagement//m:dependency", NS)}
if managed != set(published):
    problems.append(f"runstop-bom manages {sorted(managed)}, expected {sorted(published)}")
else:
    print(f"ok runstop-bom {bom_version} manages {', '.join(sorted(managed))}")

if problems:
    print("artifact check FAILED:", *problems, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print("artifact check passed")
PY
