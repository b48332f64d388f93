#!/usr/bin/env bash
# Builds and tests the Spring Boot recipe (recipes/spring-boot-parent), a project on
# spring-boot-starter-parent that depends on runstop through its BOM, as a user's project does.
# The runstop snapshots go into a private local repository (.m2repo, ignored by git), which reads
# everything else through the shared one, so nothing is installed into ~/.m2.
#   bash .ci/spring-boot-recipe.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD/.m2repo"
shared="${MAVEN_SHARED_REPO:-$HOME/.m2/repository}"
repos=("-Dmaven.repo.local=$repo" "-Dmaven.repo.local.tail=$shared")
./mvnw -B -q "${repos[@]}" install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl runstop-bom,harness-core -am
./mvnw -B "${repos[@]}" -f recipes/spring-boot-parent/pom.xml verify
